from sebaya.manage import main

main()
