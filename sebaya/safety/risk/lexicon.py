"""The risk lexicon: word lists and patterns, as data. Read by `sebaya.safety.risk.engine`.

Pattern language (one pattern is a string of tokens separated by spaces):

- ``word`` a literal word; ``word*`` a word and any continuation (``bully*``: bullying, bullied);
- ``a|b|c`` alternatives; ``bunuh_diri`` (underscore) is a phrase of several words;
- ``{slot}`` any entry of the word list ``SLOTS[slot]``; entries starting with ``re:`` are regexes;
- ``x?`` an optional token; ``~3`` up to three words of anything;
- ``!a|b`` the next word(s) must NOT be one of these (a check, consumes nothing).

Neighbouring words may also be written together ("bunuhdiri", "pengenmati"). Literals are written
the ordinary way; they are squeezed ("kill" -> "kil") when compiled, just like the text.

Rule tags: ``neg`` (a negation right before the match lowers crisis to concern), ``topic`` (in a
message about a film, the news, a lesson... with no personal intent, crisis becomes concern),
``past`` (self-harm said to be over: "udah lama berhenti" -> concern), ``mask`` (the matched words
are removed before the other rules run: idioms, or a concern that would otherwise read as a
crisis), and feature tags used by `COMBINATIONS`.
"""

CRISIS, CONCERN, NONE = "crisis", "concern", "none"

SLOTS: dict[str, str] = {
    "self": "aku ak aq akoh sy saya gw gue gua gwa gwe guwe w ku diriku i me im i_am",
    "intent": "pengen pengin pingin pingen pingn pgn pen pgen pngn pngen pgin kepengen kepingin kpngen "
              "pengennya ingin mau mw mo niat berniat mending mendingan lebih_baik lbh_baik siap rela hayang",
    "want": "mau mw pengen pengin pingin pgn pen pngn ingin kepengen",
    "fill": "aja ajah aj saja ae udah udh dah sudah cepet cepat segera sekarang skrg banget bgt bngt bener "
            "beneran juga jg rasanya sih deh lah ya tuh lagi lg kayaknya kyknya kek emang mending cuma",
    "aja": "aja ajah aj ajalah ajala saja sajalah ae wae",
    "die": "mati mti mt mampus modar koit tewas meninggal paeh",
    "neg": "ga gak ngga nggak enggak engga ngak gk g tdk tidak ndak nda kagak kaga tak ora ra teu",
    "noexist": "ga_ada gak_ada gaada gada nggak_ada ngga_ada tidak_ada tak_ada gk_ada g_ada ndak_ada",
    "hidup": "hidup hidupku hidupnya idup idupku nyawa nyawaku hidup_aku hidup_gw hidup_gue hidup_ini "
             "urip hirup",
    "lifeverb": "jalanin ngejalanin menjalani jalani ngadepin menghadapi hadapi ngelanjutin lanjutin "
                "melanjutkan nerusin meneruskan bertahan",
    "why": "kenapa knp napa kok ngapa",
    "if": "kalo kalau klo kl kalau_nanti kalo_nanti seandainya andai misal",
    "kill": "bunuh bnh bunoh bunh membunuh ngebunuh mbunuh",
    "diri": "diri dri dir diriku diri_sendiri diri_aku diri_gw diri_gue",
    "world": "dunia bumi muka_bumi dunia_ini bumi_ini alam_ini world this_world earth",
    "harmverb": "nusuk tusuk nusukin nyayat sayat gores nggores cakar nyakar garuk nyubit mukul mukulin "
                "pukul benturin jedotin bakar nyundut sundut iris ngiris silet nyilet lukai ngelukain "
                "sakitin nyakitin stab stabbing stabbed scratch scratching scratched burn burning burned "
                "hit hitting punch punching bang banging cut cutting",
    "bleed": "bleed bleeds bleeding bled berdarah darah luka memar benjol lebam",
    "end": "akhiri akhirin ngakhirin ngakhiri mengakhiri mengakhirkan udahin sudahi nyudahin",
    "tired": "capek cape capai lelah muak bosen bosan males malas mls jenuh",
    "intens": "banget bgt bngt bet parah bener",
    "with": "sama sm ama dgn dengan jadi",
    "gone": "ngilang menghilang hilang ilang lenyap mnghilang mghilang ngilng",
    "platform": "grup gc group sosmed medsos ig instagram tiktok twitter x wa whatsapp kelas sekolah rumah "
                "internet socmed fb facebook chat hp",
    "follow": "nyusul nyusulin menyusul susul",
    "family": "mama mamah ibu ibuk bunda mami papa papah ayah bapak bapa abah nenek kakek eyang oma opa "
              "kakak kak adek adik dia beliau sahabat pacar teman temen",
    "afterlife": "surga syurga akhirat alam_sana atas_sana almarhum almarhumah alm almh mendiang",
    "hurtverb": "melukai ngelukain ngelukai lukain lukai nyakitin menyakiti nyakiti sakitin nyiksa menyiksa",
    "cutverb": "nyilet menyilet nyiletin disilet silet siletin sayat nyayat menyayat disayat ngiris "
               "mengiris iris gores nggores ngegores potong motong",
    "body": "tangan tanganku tangannya lengan lenganku lengannya pergelangan nadi urat paha pahaku "
            "pahanya kaki kakiku kulit badan perut leher wrist wrists arm arms thigh thighs skin",
    "cutmark": "sayatan bekas_silet bekas_sayatan bekas_luka_sayat luka_sayat luka_silet",
    "myself": "myself my_self meself mself myslf",
    "themselves": "herself himself themselves themself hisself",
    "ewant": "want wants wanted wanna wana wan wish wishes hope hopes gonna gona going_to plan_to "
             "planning_to planing_to plans_to ready_to",
    "efill": "just really so literally honestly fr actually",
    "modal": "gonna gona going_to want_to wants_to wanted_to wanna wana will might just plan_to plans_to "
             "planning_to about_to trying_to",
    "ingest": "minum minumin nenggak neguk nelen menelan telan nelan",
    "poison": "racun racun_tikus baygon obat_nyamuk obat_serangga pembersih_lantai cairan_pembersih porstex "
              "bayclin pemutih wipol karbol pestisida insektisida obat_rumput tiner thinner bleach poison "
              "autan deterjen",
    "num": r"re:(?:[5-9]|[1-9][0-9]+)",
    "pillunit": "butir biji tablet kapsul pil pils strip papan",
    "plan": "pengen pgn pen pingin pengin ingin kepengen mau mw niat berniat rencana siapin nyiapin nyiapain "
            "nyiapkan menyiapkan udah_beli udh_beli dah_beli sudah_beli bakal hampir nyaris nyoba mencoba "
            "want wanna wana gonna gona going_to plan planning bought buy_a got_a ready has_a have_a "
            "kepikiran",
    "methodnoun": "silet cutter pisau_cukur razor blade blades racun poison baygon obat_nyamuk obat_tidur "
                  "sleeping_pills pil_tidur pembersih_lantai porstex bayclin pemutih bleach noose rope "
                  "semua_obat obatnya_semua gun pistol senjata_api pistolnya",
    "jump": "lompat loncat terjun nerjun jatuhin_diri jatuhkan_diri menjatuhkan_diri jump jumping",
    "height": "atap atas_atap rooftop gedung jembatan flyover jpo lantai tebing jurang balkon menara tower "
              "apartemen roof bridge building cliff balcony",
    "water": "sungai kali kolam laut danau air kasur matras river lake pool water sea",
    "device": "hp hpku hpnya hape handphone henpon baterai baterainya batre batrenya batere baterai_hp "
              "laptop laptopku laptopnya motor motorku motornya mesin mesinnya wifi wifinya tv tvnya lampu "
              "lampunya listrik jam charger kuota sinyal ac kipas komputer pc ps tablet mobil mobilnya phone "
              "battery",
    "aux": "udah udh dah sudah mau bakal hampir lagi lg tiba_tiba tb_tb",
    "laugh": "ketawa ngakak tertawa ketawa_ketawa ngakak_ngakak",
    "until": "sampe sampai ampe smpe sampek mpe",
    "game": "game games ranked rank ml mlbb ff pubg valo valorant minecraft roblox level stage boss episode "
            "film anime drama",
    "parent": "ayah ayahku papa papaku bapak bapakku bapa abah mama mamaku ibu ibuku bunda mami ayah_tiri "
              "ibu_tiri papa_tiri mama_tiri paman om tante kakak abang",
    "abuser": "ayah ayahku papa papaku bapak bapakku bapa abah mama mamaku ibu ibuku bunda mami ayah_tiri "
              "ibu_tiri papa_tiri mama_tiri paman om tante kakak abang pacar pacarku cowokku cewekku mantan "
              "mantanku suami kakek dia mereka",
    "hit": "mukul mukulin nampar nabok nonjok nendang nendangin nyiksa nyubit nyubitin ngeraba ngerabain "
           "ngegrepe grepe jambak jambakin cekik nyekik ngelecehin gebukin gebuk hajar ngehajar pukulin",
    "forced": "ngelakuin melakukan berhubungan ngirim kirim buka nyentuh ciuman cium foto video",
    "weakkuat": "ketawa nahan_ketawa ngakak pedes pedas panas dingin liat lihat ngeliat ganteng cantik lucu "
                "gemes ngantuk laper lapar nahan antri ngangkat angkat bau bayangin makan minum jalan lari "
                "nunggu nungguin duduk berdiri begadang pipis kencing pup boker kebelet ke_toilet ke_wc "
                "ke_kamar_mandi pengen_pipis pgn_pipis pengen_kencing pengen_pup pengen_boker "
                "pengen_ke_toilet pengen_ke_wc mau_pipis mau_ke_toilet mau_ke_wc",
    "msg": "pesan pesen chat post postingan story status surat kata_kata",
    "selfhit": "mukul mukulin pukul pukulin nampar nampol tampar tamparin nonjok tonjok ninju tinju jedotin "
               "benturin gebukin nyakar cakar jambak jambakin",
    "god": "ya_allah allah ya_tuhan tuhan ya_rabb gusti god lord",
    "forever": "selamanya slamanya slmnya slmny",
    "notthere": "di dalam disitu disana di_sana pas waktu saat besok nanti hari acara rapat kelas grup sini",
    "time": "hari tgl tanggal tiap setiap senin selasa rabu jumat sabtu minggu besok lusa sampai sampe smp "
            "s_d sd dan",
    "timeafter": "depan ini besok pagi siang sore malam malem jam tgl kemarin lalu",
}  # fmt: skip

# (level, name, tags, patterns). Order matters only for the order of `matched`.
RULES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # --- Masks: idioms and benign uses, removed before the risk rules run. ---
    (NONE, "idiom", "mask", (
        "{die} lampu|listrik|gaya|kutu|total|suri|konyol|langkah|angin|matian|mati_matian",
        "{device} {self}? {fill}? {aux}? {die}",
        "{laugh} {intens}? {fill}? {until}? {fill}? {intent}? {die}",
        "{intent}? {die} ketawa|ngakak|kebosenan|kebosanan|kelaparan|kepanasan|kedinginan|penasaran",
        "setengah {die}",
        "harga {die}",
        "laper|lapar|haus|ngantuk|gerah|kepanasan|kedinginan {intens}? {fill}? {until}? {intent} {die}",
        "{die} {fill}? di|dalam|in ~2 {game}",
        "bunuh_diri|bundir|suicide ~1 di|dalam|in {game}|respawn",
        "die|dying|died of|from embarrassment|laughter|laughing|cringe|boredom|shame|hunger|heat|cuteness",
        "died|dying laughing", "to die for", "dying to", "could die for|of",
        "pencegahan|cegah|mencegah|prevent|preventing|prevention {fill}? bunuh_diri|bundir|suicide|self_harm",
        "suicide|self_harm|bunuh_diri prevention|awareness|hotline|helpline|crisis_line",
        "anti|stop|cegah|pencegahan|no|kampanye_anti|lawan bully*|buli|perundungan|rundung|cyberbully*",
        "{time} kms", "kms {timeafter}",
        "hopeless romantic",
        "gol|goal|langkah|misi|bom|serangan|aksi|pelaku bunuh_diri|bundir",
        "suicide squad|mission|bomber|bombers|bombing|doors",
        "hilang|ilang|ngilangin|hilangin ingatan|ingetan|memori|jerawat|stres|stress|noda|bau|capek|lelah"
        "|pegal",
        "overdos* {fill}? of|dari|on? micin|msg|drama|cinta|gula|kafein|caffeine|sugar|love|kopi|coffee"
        "|cuteness|skincare|gorengan|anime|kpop|tugas|homework|memes|content",
        "{jump} ~4 ke|kedalam|ke_dalam|into|in|to {fill}? the? {water}",
        "{intent} {fill}? {gone} {fill}? bentar|sebentar|dulu|sejenak? {fill}? dari|dr {platform}",
        "menyayat|sayat hati|hatiku|hati_aku",
        "{body}|kaki|jari|jariku|lidah|bibir|pantat|bokong|gigi|muka|mulut {fill}? {die} rasa",
        "lagu|judul|album|film|single ~1 {die} rasa",
        "{die} rasa ~1 {body}|kaki|jari|jariku|lidah|bibir|pantat|bokong|gigi|muka|mulut",
        "it|its|it_is|phone|battery|laptop|plant|car|{device} {efill}? gonna|going_to|about_to|is die|dying",
        "bola|bolanya|kok|koknya|shuttlecock|gong|gongnya|drum|drumnya|bedug|beduk|kentongan|paku|bel"
        "|lonceng ~2 dipukul*",
        "dipukul* mundur|rata",
        "silet|cutter|pisau_cukur ~3 buat|untuk|di_salon prakarya|kerajinan|cukur|alis|kuku|rautan|ngeraut",
        "silet|cukur|cukuran alis|kumis|jenggot",
        "kill|kiling|kiled {fill}? it|time|the_lights|the_boss|the_noise",
        "die|dye|dying|dyeing|died|dyed my|her|his|their|your? hair|rambut|shirt|shirts|clothes|jeans|eggs",
        "{tired} {intens}? {with}? {hidup} tanpa {device}|internet|kuota|sinyal|kopi|musik|netflix|youtube|yt"
        "|tiktok|medsos|sosmed|game|games",
    )),
    (CONCERN, "told to die", "mask", (
        "told|tells|telling|tell me {efill}? to go? kill_myself|kys|die|unalive_myself|end_it",
        "nyuruh|nyuruhin|disuruh|suruh {self}? {fill}? {die}|bunuh_diri|bundir|kys",
        "{die} {aja} lo|lu|loe|kau|kamu|km|sana|kalian|lho|lah_lo|lah_lu",
        "mereka|dia|orang|orang_orang|semua|semua_orang|anak_anak|temen_temen|teman_teman|{parent}|guru"
        "|pacarku|mantanku ~2 bilang|ngomong|ngatain|bilangin|nyebut|komen|ngechat|nulis|bilangnya|katanya"
        " {self} {fill}? mending|mendingan|lebih_baik|harusnya|sebaiknya {fill}? {die}|bunuh_diri|bundir",
        "they|he|she|people|everyone|everybody|someone|somebody|kids|mom|dad|mum ~2 said|says|say|wrote"
        "|keep_saying|commented i|im {efill}? should|shld|better|deserve_to|ought_to {efill}? die|kill_myself"
        "|kys|go_die|unalive_myself",
    )),
    (CONCERN, "numb", "mask", ("{die} rasa",)),
    # --- Crisis: wanting to die, in Indonesian. ---
    (CRISIS, "ingin mati", "neg", (
        "{intent} {fill}? {fill}? {self}? {fill}? {die}",
        "{die} {aja} !lo|lu|loe|kau|kamu|km|sana|kalian",
        "{die} {self} {aja}",
        "biar|supaya {fill}? {die}|hanyut|tenggelam|ketabrak|kelindas",
        "{gone}|pergi|lenyap ~2 dari|dr ~1 {world}",
        "{self} ~2 {neg} usah|perlu|pantes|pantas ada", "{neg} usah|perlu|pantes|pantas ada ~2 {world}",
        "bakal|akan|mau {gone} malam_ini|malem_ini|hari_ini|selamanya",
        "{neg} {want} {fill}? ada ~2 {world}|lagi",
        "{intent} {fill}? semua|semuanya|{hidup}|penderitaan ~1 berakhir|selesai|udahan|tamat|berhenti",
        "ambil|cabut nyawa|nyawaku|nyawa_aku|nyawa_gw", "god|lord ~2 take me|my_life",
        "{god} ~2 ambil|jemput|cabut {self}|nyawaku|nyawa_aku|nyawa_gw !di|ke|dari|jam|pas|nanti|besok",
        "ambil|jemput {self} ~2 {god}",
        "{intent} {self}? {fill}? {noexist} {aja}|lagi|{forever} !pr|tugas|ujian|ulangan|kelas|sekolah|les"
        "|upacara|hujan|guru|macet|sinyal|orang",
        "mending|mendingan|lebih_baik|rather {self}? {fill}? be? dikubur|masuk_kubur|masuk_liang_lahat"
        "|six_feet_under|6_feet_under|in_a_grave|in_my_grave|in_the_ground",
        "death|dying|mati|kematian ~2 seems|feels|sounds|looks|terasa|kayaknya|kyknya peaceful|nice|better"
        "|tenang|damai|enak|lebih_baik|indah",
        "feel|feeling like dying",
        "{intent} ~2 ketemu|ikut|bareng|nyusul ~3 surga|syurga|akhirat|alam_sana|atas_sana",
        "kapan|kpn {self}? {fill}? {die}",
        "semoga|moga|mudah_mudahan|berharap|doain|doakan ~2 {self}? {fill}? {die}",
        "kenapa|knp|ngapain {self}? harus|musti|mesti {hidup}", "selain {die}",
        "solusi|solusinya|jalan_keluar|jalan_keluarnya|satu_satunya_jalan ~3 {die}|bunuh_diri|bundir",
        "kepikiran|mikirin|mikir|memikirkan|ngebayangin ~3 mati|mampus|kematianku",
        "thinking|think|thought about|of dying|death|being_dead|not_being_here|not_existing",
    )),
    (CRISIS, "kenapa tidak mati", "", ("{why} {self}? {neg} {fill}? {die}",)),
    (CRISIS, "tidak takut mati", "", ("{neg} takut {die}",)),
    (CRISIS, "bunuh diri", "neg topic past", (
        "{kill} {diri}", "bundir|bndir|bundr|bnhdr|bun_dir|bundiri",
    )),
    (CRISIS, "gantung diri", "neg topic past", (
        "gantung|gantungin|menggantung|ngegantung|menggantungkan {diri}",
        "hang|hanging|hanged {myself}|{themselves}",
        "tie|tying|tied a? noose",
    )),
    (CRISIS, "akhiri hidup", "neg", (
        "{end} {fill}? {hidup}",
        "akhiri|akhirin|ngakhirin|ngakhiri|mengakhiri {fill}? aja|semua|semuanya|sekarang|sampai_sini"
        "|sampe_sini",
    )),
    (CRISIS, "tidak mau hidup", "", (
        "{neg} {fill}? {want} {fill}? {hidup} !bareng|sama|sm|ama|dengan|dgn|di|susah|miskin|boros|tanpa|jauh"
        "|kayak|kyk|kaya|seperti|serumah|sekamar|sendiri|gini|begini|sehat|hemat",
        "{neg} {fill}? kuat|sanggup|tahan|pantes|pantas|layak {fill}? {lifeverb}? {hidup}",
        "{neg} {fill}? {want} {fill}? {lifeverb} {hidup}",
        "berhenti {hidup}|bernapas|bernafas|napas|nafas",
        "{tired} {intens}? {with}? bernapas|bernafas|napas|nafas",
        "kesel|wegah {intens}? {with}? urip|hirup",
        "{neg} usah {hidup}",
        "{neg} {fill}? pernah lahir|dilahirin|dilahirkan",
        "mending|mendingan|lebih_baik|harusnya|seharusnya ~2 {neg} {fill}? lahir|dilahirin|dilahirkan",
        "{hidup} {self}? ~2 selesai|berakhir|tamat|udahan|sampai_sini|sampe_sini|sampai_di_sini|sampe_di_sini"
        "|sampai_disini|sampe_disini",
        "{hidup} ~5 mending|mendingan|lebih_baik selesai|udahan|berakhir",
    )),
    (CRISIS, "capek hidup", "", (
        "{tired} {intens}? {with}? jadi|menjadi manusia|makhluk_hidup|human",
        "{tired} {intens}? {with}? {hidup} !di_kota|di_desa|di_jakarta|di_sini|di_asrama|di_kos|di_kost"
        "|di_perantauan|di_negara|sehat|hemat|teratur|bersih",
    )),
    (CRISIS, "tidak ada alasan hidup", "", (
        "{noexist} {fill}? alasan|gunanya|guna|artinya|arti|tujuan {fill}? {self}? buat|untuk|utk|bwt? "
        "{hidup}",
        "{noexist} alasan|gunanya|guna|artinya ~2 bertahan",
        "{hidup} {self}? {fill}? {neg} ada? artinya|berarti|gunanya|guna|berguna",
        "buat_apa|untuk_apa|ngapain|napain|bwt_apa {self}? {fill}? masih? {hidup}",
        "buat_apa|untuk_apa|ngapain|napain|bwt_apa {self}? {fill}? masih ~2 {world}",
        "{intent} {fill}? udahan|udahin|selesai|berhenti {fill}? sama|dengan|dari? {hidup}",
        "{die} ~1 lebih_baik|lebih_enak|mending|better daripada|dari|drpd|than",
        "waiting|wait|ready to die", "nunggu|menunggu {fill}? mati|ajal",
        "{gone}|pergi ~3 tempat ~4 {neg} ada ~1 sakit|rasa_sakit|penderitaan|masalah",
        "{why} {self}? masih {hidup}",
        "{why} {fill}? {self}? {fill}? masih dikasih|diberi|dikasi|dikasih_kesempatan? napas|nafas|bernapas"
        "|bernafas|{hidup}|umur",
    )),
    (CRISIS, "tidur selamanya", "", (
        "tidur|istirahat|rehat {fill}? selamanya|slamanya|abadi|yang_panjang",
        "{neg} {want}|usah {fill}? bangun {fill}? lagi|lg|selamanya|besok",
        "tidur ~2 {neg} {fill}? bangun {fill}? lagi|lg|selamanya",
        "tidur ~3 {neg} pernah|bakal|akan|bakalan {fill}? bangun|kebangun|terbangun !pagi|siang|subuh|sahur"
        "|tepat|cepat|cepet|awal|duluan",
        "{want}|semoga|moga|berharap|harap|kepikiran|pengennya|berdoa|doa|supaya ~2 {neg} bangun",
    )),
    (CRISIS, "menghilang selamanya", "", (
        "{gone} {fill}? {forever}|dari_dunia|dari_bumi|dr_dunia|for_good",
        "{intent} {self}? {fill}? {gone} !bentar|sebentar|dulu|sejenak|dari|dr|sementara|kabar|aja_dari"
        "|aja_bentar|aja_dulu|aja_sebentar",
    )),
    (CONCERN, "ingin menghilang", "", ("{intent} {fill}? {gone}",)),
    (CRISIS, "nyusul (alm.)", "", (
        "{follow} ~3 {afterlife}",
        "{intent} {fill}? secepatnya|cepet_cepet|cepat_cepat|buru_buru ~1 ketemu|nyusul|ikut|kumpul|ngumpul"
        " ~3 {afterlife}",
    )),
    (NONE, "di sana lebih baik", "there_better", (
        "di_sana|disana|di_atas_sana|over_there ~2 lebih|pasti_lebih|more enak|tenang|bahagia|baik|damai"
        "|peaceful|happy|better",
    )),
    (NONE, "nyusul", "nyusul", ("{follow}",)),
    (NONE, "death", "death", (
        "meninggal|wafat|meninggoy|almarhum|almarhumah|alm|almh|mendiang|tiada|dikubur|makam|kuburan|surga",
        "{noexist} lagi", "udah|sudah {noexist}", "pergi selamanya", "passed away", "died",
    )),
    (CONCERN, "ingin menyusul", "nyusul_wish", (
        "{intent} {fill}? {follow} {family} !ke|di|ya", "{intent} ~2 ketemu|ikut ~2 almarhum|almarhumah"
                                                        "|alm|almh|mendiang",
    )),
    (CRISIS, "kalau aku mati", "neg", (
        "{if} ~2 {self} {fill}? {die}|udah_ga_ada|udah_gaada|udah_pergi|pergi_selamanya|bunuh_diri"
        "|ga_ada_lagi",
        "if i died|die|was_gone|were_gone|disappeared|killed_myself",
    )),
    (CRISIS, "lebih baik tanpa aku", "", (
        "lebih_baik|lbh_baik|lebih_bahagia|lebih_tenang|lebih_seneng|lebih_senang|seneng|senang|bahagia ~2 "
        "tanpa|tanpa_ada {self}|kehadiranku|adanya_aku",
        "better off without me",
        "lebih_baik|lbh_baik|lebih_bahagia|lebih_tenang|lebih_seneng|lebih_senang|better|happier ~3 {if}"
        " {self} {fill}? {neg} {fill}? pernah? ada|lahir|dilahirin|dilahirkan !{notthere}",
        "{if} {self} {fill}? {neg} {fill}? pernah? ada|lahir|dilahirin|dilahirkan !{notthere} ~4 lebih_baik"
        "|lbh_baik|lebih_bahagia|lebih_tenang|lebih_seneng|lebih_senang",
        "happier|better ~3 if i was|were|wasnt|werent dead|gone|here|around|alive|never_born",
        "better|happier without me",
        "if i was|were dead|gone|never_born",
    )),
    (CRISIS, "cara mati", "", (
        "cara|caranya|how_to {fill}? {die}|bunuh_diri|bundir|kill_myself|die|overdose|gantung_diri",
        "cara|caranya ~3 buat|untuk|utk|biar|supaya|agar bisa? {die}|bunuh_diri|bundir|gantung_diri"
        "|ngakhirin_hidup",
        "{die} {fill}? paling cepet|cepat|gampang|ga_sakit|tanpa_rasa_sakit",
    )),
    (CRISIS, "tidak akan ada lagi", "", (
        "{self}? {neg} {fill}? bakal|akan|bakalan {fill}? ada lagi|lg",
    )),
    (CRISIS, "pesan terakhir", "", (
        "{msg} terakhir|terahir {self}|dari_aku|dariku|dari_gw",
        "terakhir_kalinya|terakhir_kali|the_last_time ~3 liat|lihat|ngeliat|ketemu|denger|dengar|see"
        "|hear_from dari|kabar_dari? {self} !pake|pakai|di|pas|jadi|sebagai|dengan|dgn|disini|wearing|in|at"
        "|as|with|tampil|nyanyi|main",
        "surat|pesan|notes|note wasiat|perpisahan !buat_kakak|untuk_kakak|buat_guru|untuk_guru|kelas|angkatan"
        "|wisuda|kelulusan",
        "goodbye|farewell letter|note|message|post",
        "not|wont|will_not going_to|gonna? be around|here much|for|tomorrow|anymore|next_week long|longer?",
        "see you in another|the_next life", "sampai|sampe jumpa|ketemu di kehidupan selanjutnya"
                                            "|berikutnya|lain",
        "{ewant} ~2 disappear|leave|go ~3 never come|coming back",
        "dont|cant|do_not see myself alive|living|being_alive|here ~1 next|in",
        "jump|jumping|step|stepping|walk|throw_myself in front of ~2 train|car|bus|truck",
        "{gone}|pergi ~6 jangan cari|nyariin|cariin {self}", "jangan cari|nyariin|cariin {self} ~6 {gone}"
                                                             "|pergi",
        "nulis|tulis|bikin|menulis wasiat",
        "my last message|post|text|words|goodbye|note",
        "final goodbye", "last goodbye", "goodbye|bye forever|world",
    )),
    (CRISIS, "pamit selamanya", "", (
        "pamit|selamat_tinggal|good_bye|goodbye|bye|pergi ~1 {fill}? untuk? selamanya|slamanya|forever|dunia",
    )),
    (NONE, "farewell", "farewell", (
        "selamat_tinggal|pamit {fill}? semua|semuanya|semua_orang|kalian|everyone|all",
        "jangan cari|nyari|nyariin|cariin {self}",
        "goodbye|bye everyone|all",
        "{neg} {fill}? bakal|akan|bakalan? balik|kembali|pulang lagi|lg",
        "pergi jauh",
    )),
    (NONE, "pamit", "pamit", ("pamit",)),
    (NONE, "tidak kuat", "weakdistress", ("{neg} kuat|sanggup|tahan !{weakkuat}",)),
    (NONE, "farewell", "farewell_weak", (
        "pergi|berangkat duluan", "nyiapin|siapin|menyiapkan semuanya|semua ~2 malam_ini|malem_ini|besok",
    )),
    (NONE, "apology", "apology", ("maaf|maafin|maafkan|sory|sori|forgive_me",)),
    (NONE, "gratitude", "gratitude", (
        "makasih|terima_kasih|trims|thanks|thank_you|thx|mksh ~2 buat|untuk|for|atas semua|semuanya|segalanya"
        "|everything",
        "makasih|terima_kasih|thanks ~2 udah|sudah|for_being baik|ada|jadi",
    )),
    # --- Crisis: self-harm. ---
    (CRISIS, "self-harm", "neg topic past", (
        "self_harm*|selfharm*|self_injur*|selfinjur*|self_hurt*",
        "{hurtverb} {diri}",
        "{cutverb} {cutverb}? {fill}? {body}",
        "{hit} {diri}", "benturin|ngebenturin|jedotin|ngejedotin|ngebenturkan|membenturkan kepala",
        "nyakar|nyakarin|cakar {fill}? {diri}|{body}", "sundut|nyundut|bakar ~2 {body}|{diri}",
        "make|made|making {myself} bleed",
        "{harmverb} {harmverb}? ~1 {diri}|{myself}",
        "{harmverb} {harmverb}? kepala|kepalaku|my_head ~2 tembok|dinding|meja|lantai|wall|desk",
        "{harmverb} ~2 {body} ~3 until|till|sampe|sampai ~1 {bleed}",
        "cut|cutting|cuts|slit|slitting ~1 wrist*|veins|nadi",
        "nyilet|nyiletin|menyilet|nyayat|menyayat",
        "{body} ~2 {cutmark}", "{cutmark} ~2 {body}", "penuh|banyak {cutmark}", "bekas silet|sayatan",
        "{body} ~3 goresan|goresannya|baretan ~3 nambah|bertambah|tambah|baru",
        "{selfhit} {selfhit}? {fill}? ~1 kepala|kepalaku|muka|mukaku|wajah|wajahku|dada|{body} {self}?"
        " sendiri|sndiri|sendri",
        "{self} {fill}? barcode", "barcode {fill}? lagi|lg|tangan|an|di_tangan|di_paha", "barcodean",
        "{self} {fill}? sh", "sh lagi|lg|again", "relapse|kambuh ~3 sh", "sh ~3 relapse|kambuh|clean",
        "clean ~4 sh",
        "cut|cutting|cutted {myself}|{themselves}", "cut|cutting my {body}",
        "been|started|start|keep|kept|stop|stopped|quit|relapsed_on cutting", "cutting|cut again",
        "hurt|hurting|harm|harming|burn|burning {myself}",
    )),
    # --- Crisis: English. ---
    (CRISIS, "kill myself", "neg", ("kill|killing|killed {myself}", "kms", "off|offing {myself}")),
    (CRISIS, "kill oneself (other person)", "neg topic", ("kill|killing|killed|off|offing {themselves}",)),
    (CONCERN, "kill yourself", "", ("kill|killing yourself|urself|ur_self|your_self", "kys")),
    (CRISIS, "kys (self)", "", ("{self} {efill}? {modal}|should|shld|shud|mau|pengen|pgn {efill}? kys",)),
    (CRISIS, "suicide", "neg topic past", (
        "suicid*|sucid*|suicd*|suiscid*|suiside|suisid*|sewerslide|sewer_slide",
    )),
    (CRISIS, "unalive", "neg topic", ("unaliv*|un_alive|un_aliving",)),
    (CRISIS, "want to die", "neg", (
        "{ewant} {efill}? to? {efill}? be? die|ded|dead",
        "wish {self}? was|were|to_be dead|ded|never_born",
        "let me die", "rather be dead|ded", "rather die", "deserve to die",
    )),
    (CRISIS, "end my life", "neg", (
        "end|ending|take|taking {efill}? my|my_own life",
        "end|ending it all|everything",
        "{modal} {efill}? end|ending it !with|w|between|sama",
        "ending it tonight|now|today|soon",
        "{intent} {fill}? end|ending everything|it|it_all|my_life|things|semuanya|hidup",
        "end|ending everything|things !with|w|between|sama",
        "want|wanna|wana it_all|everything to end",
        "{ewant} {efill}? everything|it_all|my_life|all_of_this|life to be over|ended",
        "{ewant} {efill}? it|it_all|everything|things|my_life|all_of_this|life to? be? over|end|ended"
        " for_good|forever|permanently",
    )),
    (CRISIS, "no reason to live", "", (
        "no|nothing|zero reason|point {efill}? to|in|of? live|living|be_alive|stay|staying",
        "nothing to live for",
        "dont|do_not|dnt|doesnt|does_not {efill}? want|wana|wanna to? live|be_alive|exist|wake_up|be_here",
        "tired|sick of living|life|being_alive|existing|breathing|being_human|being_a_human",
        "{ewant} {efill}? to? not exist|be_here|be_alive", "stop existing",
        "wish i {efill}? didnt|did_not exist",
        "done with life|living|being_alive", "not|isnt|aint worth living", "life isnt|is_not worth it",
        "hate being_alive|living|existing", "cant|cannot live anymore|any_longer",
        "hope|wish i {efill}? dont|never wake_up",
        "why am_i|im|i_am|do_i|is_he|is_she {efill}? still|even? alive|here|living",
        "better off dead",
        "{ewant} {efill}? to? sleep forever", "never wake up", "disappear forever|for_good|from_this_world",
        "sleep|tidur ~3 not|never|ga|gak|nggak|tidak wake|bangun",
        "end|ending my|the pain permanently|forever|for_good",
        "dont deserve to live|be_alive",
    )),
    # --- Crisis: methods, with the act or with intent. ---
    (CRISIS, "racun", "neg past", ("{ingest} {fill}? {poison}",)),
    (CRISIS, "overdosis", "neg topic past", (
        "overdos*|over_dosis|od_pake|od_pakai|od_obat|od_on",
        "{plan} {fill}? to? od", "od tonight|malem_ini|malam_ini|aja",
    )),
    (CRISIS, "obat sekaligus", "neg", (
        "{ingest}|abisin|habisin|ngabisin {fill}? {num} {pillunit}",
        "{ingest}|abisin|habisin|ngabisin {fill}? semua|semuanya {fill}? sekaligus",
        "semua obat ~2 di|yang lemari|rumah|ada|kotak",
        "obat* ~3 sekaligus|sebotol|segenggam",
        "{ingest}|abisin|habisin|ngabisin {fill}? obat*|pil*|tablet* {fill}? banyak|sebanyak|segenggam|semua"
        "|sebotol",
        "{ingest} {fill}? banyak|segenggam|sebotol {fill}? obat*|pil*|tablet*",
        "took|swallowed|take|taking|swallow|overdosed_on {efill}? all|a_lot_of|lots_of|a_bunch_of|too_many"
        "|a_handful_of|the_whole_bottle|all_of|{num} {efill}? of? my|the|her|his|our? ~1 pills|meds|tablets"
        "|sleeping_pills|painkillers",
    )),
    (CRISIS, "metode + niat", "neg", (
        "{plan} {fill}? ~3 {methodnoun}",
        "{plan} {fill}? to? {jump} ~3 {height}",
        "{plan}|{intent} {self}? {fill}? {jump} {fill}? dari|dr sini|atas|atas_sini",
        "berdiri|duduk ~2 pinggir|tepi|ujung ~1 {height}",
        "{ingest} {fill}? obat_tidur|pil_tidur|obat_penenang|sleeping_pills ~2 strip|sestrip|sebotol|semua"
        "|banyak|{num}",
        "{plan} {fill}? ~2 ditabrak|ketabrak|tabrakan kereta|truk|mobil|bus",
        "{intent} {fill}? ~2 tenggelam|hanyut|kelelep|ketabrak|ditabrak|kelindas|tertabrak",
        "siapin|nyiapin|nyiapain|nyiapkan|menyiapkan tali|rope !sepatu|rafia|pramuka|tas|raffia",
        "tali|rope|noose {fill}? ~2 iket|ikat|diikat|kuiket|pasang|dipasang|gantung|digantung|tied|hung ~1"
        " di|ke|to|on|from {fill}? plafon|kipas|kipas_angin|kusen|balok|kamar|kamarku|ceiling|fan|beam",
        "{plan}|{intent} ~3 {jump}|nyebur|nyemplung|tiduran|rebahan|berdiri ~1 ke|di|di_tengah rel|rel_kereta"
        "|jalur_kereta",
        "lie|lay|lying|jump|jumping|step|stand on|onto the? train_tracks|tracks|railway|rail",
        "{modal}|{plan} {efill}? jump|loncat|lompat|terjun {fill}? tonight|malam_ini|malem_ini|nanti_malam"
        "|nanti_malem",
        "ngumpulin|ngumpulin|kumpulin|nyimpen|nimbun|simpen|nyimpan|menimbun obat*|pil*",
        "pills|meds saved|stockpiled|stashed", "stockpil*|hoarding|saving|collecting|saved_up pills|meds",
    )),
    (CRISIS, "menjatuhkan diri", "neg", (
        "nabrakin|nabrak|tabrakin|menabrakkan|lempar|lemparin|ceburin|nyeburin|tenggelamin|nenggelamin"
        "|nenggelemin|jatuhin|buang {diri}",
    )),
    (CONCERN, "lompat dari ketinggian", "method", (
        "{jump} {fill}? ~2 dari|dr|of|from {fill}? the|a? {height}",
    )),
    (CONCERN, "obat", "method", ("{ingest}|abisin|habisin|ngabisin {fill}? semua|semuanya|seluruh obat*",)),
    (NONE, "metode", "method", ("{methodnoun}", "tali ~3 leher|gantungan|plafon|kipas_angin")),
    # --- Concern: hopelessness, giving up, being worn out. ---
    (CONCERN, "putus asa", "distress", (
        "{noexist} harapan|masa_depan", "putus asa", "{neg} punya harapan|masa_depan|semangat_hidup",
        "hilang|kehilangan semangat_hidup|harapan", "semangat hidup ~2 hilang|ilang",
        "{noexist} gunanya|guna lagi|lg", "{noexist} gunanya",
        "semuanya|semua percuma|sia_sia", "{hidup} {self}? {fill}? percuma|sia_sia",
        "{noexist} yang|yg bisa ~2 diubah|berubah|dilakuin|dilakukan|diperbaiki",
        "{neg} punya|ada semangat", "hampa",
        "nothing {efill}? ever changes", "nothing will ever change|be_ok|be_okay",
        "nothing {efill}? ever works|goes_right|gets_better", "why {efill}? do_i|i even? try|bother anymore",
        "hopeless*", "no hope", "{hidup} ~2 gelap", "dunia ~2 gelap",
        "life|everything|it_all|all_of_it|all_of_this is|feels|seems {efill}? pointless|meaningless",
        "{noexist} artinya", "{tired} {intens}? {fill}? berjuang|nyoba|berusaha|mencoba", "cant|cannot cope",
        "nothing makes sense",
        "nothing {efill}? matters", "whats the point", "dont see the point", "no point",
        "nothing will ever get better", "no way out", "trapped",
        "nothing ~2 worth it", "lost all? hope", "falling apart", "how much longer i can take|go_on|do_this",
    )),
    (CONCERN, "merasa tidak berguna", "distress", (
        "{self}|anak {fill}? {neg} berguna|guna|berharga",
        "ngerasa|merasa|rasanya ~3 {neg} berguna|guna|berharga|dianggap|pantes|pantas",
        "beban buat|bagi|untuk|di ~1 {parent}|ortu|keluarga|semua|semua_orang|orang|kalian",
        "ngerasa|merasa ~2 beban",
        "ngerasa|merasa|rasanya {fill}? jadi|jd? {self}? anak|orang|manusia|cewek|cowok|siswa|murid paling"
        " gagal|bodoh|payah|ga_berguna|buruk|sial|sampah|jelek|useless|menyedihkan",
        "worthless*", "im|so|feel useless", "a failure", "im a burden", "a burden to|on",
        "{self} {fill}? cuma|hanya? {fill}? jadi|jd? beban",
        "nyusahin|ngerepotin|ngebebanin {fill}? orang|semua|semua_orang|keluarga|kalian",
        "{self} {fill}? cuma|hanya nyusahin|ngerepotin",
    )),
    (CONCERN, "menyerah", "distress", (
        "{intent} {fill}? nyerah|menyerah",
        "nyerah|menyerah {fill}? aja|ajah !sama|sm|dgn|ama|dengan",
        "nyerah|menyerah {fill}? sama|sm? semua|semuanya|{hidup}",
        "give|giving up on everything|life|myself", "feel like giving up", "want to give up",
    )),
    (CONCERN, "tidak kuat lagi", "distress", (
        "{neg} kuat|sanggup|tahan {fill}? lagi|lg !{weakkuat}",
        "udah|udh|dah|sudah {neg} {fill}? kuat|sanggup|tahan !{weakkuat}",
        "cant|cannot take|do it|this anymore|anymore", "cant go on", "want it|everything to stop",
    )),
    (CONCERN, "capek dengan semuanya", "distress", (
        "{tired} {intens}? {with}? semua|semuanya|segalanya|semua_ini|ini_semua",
        "so? done with everything|it_all|all_of_this|all_this|all_of_it",
        "everything|it_all|its_all|all_of_this|all_this is|feels|gets {efill}? too much|overwhelming",
        "semua_ini|hidup_ini terlalu|terasa {fill}? berat",
        "broken inside", "so lost", "tired of being me|myself",
        "want|wanna|wana it|this to end|stop",
        "tired|exhausted|sick of everything|it_all",
    )),
    (CONCERN, "sendirian", "", (
        "{noexist} yang|yg {fill}? bakal|akan|mau? peduli|peduliin|sayang|ngerti|care|butuh|mau_temenan"
        "|kangen|ngertiin|dengerin|nemenin",
        "treat|treats|treated me like trash|garbage|dirt|shit|nothing", "tired of pretending",
        "pura pura {fill}? baik|kuat|bahagia|ok|oke|gapapa|senyum|seneng",
        "ngerasa|merasa|rasanya {fill}? kosong|hampa|sendirian|sendiri|sepi|gagal|terjebak|hancur",
        "{hidup}|mental|hati|hatiku|mentalku {self}? {fill}? hancur|ancur|berantakan",
        "nobody|noone|no_one cares|loves|likes|understands", "feel {efill}? alone|lonely|empty|numb|nothing",
        "empty inside", "dying|dead inside",
    )),
    (CONCERN, "benci diri", "", (
        "benci {fill}? sama|sm|ama? {diri}", "semua orang benci {self}",
        "hate myself", "everyone|everybody hates me", "semua|semua_orang ninggalin|ninggalin {self}",
        "{neg} punya siapa_siapa|siapa|teman|temen", "nobody|noone|no_one talks to me",
        "nobody|noone|no_one would {efill}? miss|notice|care", "hate my life", "benci {fill}? sama? {hidup}",
        "{tired} {intens}? {with}? diri_sendiri|diriku",
    )),
    (CONCERN, "luka", "", (
        "{body} ~3 penuh|banyak luka|bekas|darah|goresan|baretan", "{body} ~2 berdarah",
        "think|thinking|thought about|of using|use it|them|one|that on my? {body}|myself",
    )),
    (CONCERN, "sering menangis", "", (
        "nangis ~1 terus|tiap_malem|tiap_malam|tiap_hari|setiap_malam", "cant stop crying",
        "cry|crying every night|day",
    )),
    (CONCERN, "tidak ada teman bicara", "", ("dont|do_not have anyone|anybody|someone|no_one to talk to",)),
    (CONCERN, "tidak bisa hidup begini", "", ("cant|cannot live like_this|like_that",)),
    (CONCERN, "depresi", "topic", ("depresi|depressed|depression",)),
    (CONCERN, "kabur dari rumah", "", (
        "kabur|minggat {fill}? dari rumah|semua|semuanya", "takut pulang", "run away from home",
        "scared|afraid|terrified to go home",
    )),
    (CONCERN, "ingin menghilang", "", ("{ewant} {efill}? to? disappear|vanish",)),
    (CONCERN, "tidak mau hidup begini", "", ("{neg} {want} {hidup} kayak|kyk|gini|begini",)),
    (CONCERN, "menyesal lahir", "", ("nyesel|menyesal {fill}? lahir|dilahirin|dilahirkan",)),
    # --- Concern: bullying. ---
    (CONCERN, "bullying", "", (
        "dibully*|dibuli*|di_bully|di_buli|ngebully*|ngebuli*|membully*|bully*|bullied|bullies|buli"
        "|cyberbully*|dirundung"
        "|merundung|perundungan|ngerundung",
        "diejek*|ejekan|diolok*|dikatain|dikata_katain|dihina*|dicaci*|dimaki*|dikucil*|dijauhin|dijauhi"
        "|dimusuhin|dimusuhi|dipermalukan|ditertawakan|diketawain|dikeroyok|dipalak*|malak|malakin|memalak",
        "ngejek*|ngolok*|ngatain|hina|ngehina|menghina|ngejelekin|ngerendahin|nyindir|ngetawain|ngucilin "
        "{self}",
        "call|calls|calling|called me ugly|fat|stupid|names|loser|freak|gay|dumb",
        "semua|pada ngetawain",
        "disebar* {fill}? foto|video", "foto|video {self}? {fill}? disebar*",
        "foto|fotoku|video|videoku {self}? ~3 disebar*|dijadiin_meme|dijadiin_stiker|dijadikan_meme"
        "|dijadiin_bahan", "nyebarin|nyebar foto|video",
        "di_hate|hate_comment*|hatespeech",
        "laugh|laughing|laughed at me", "make|making|made fun of me", "cal|caling|caled me names",
        "pushing|push|shove|shoving|pushed me", "ignore|ignores|ignoring me", "picking|pick on me",
        "tease|teasing me", "harass*", "left out", "excluded",
        "dilabrak|disindir|diomongin|dighibahin|difitnah|dipermaluin|cyberbullied",
        "bahan bercandaan|ejekan|ketawaan|tertawaan|bully*|omongan|hinaan",
        "nyebut|ngatain|bilang|nyebutin ~2 anak sial|haram|pembawa_sial|ga_berguna|ga_guna|bodoh|goblok"
        "|sampah",
        "nyebarin|nyebar|sebarin ~2 aib|rahasia",
        "minta|malak ~2 uang|duit ~3 paksa|maksa", "spread|spreading rumors", "rumors about me",
    )),
    (CONCERN, "ingin menyakiti orang lain", "", (
        "{intent} {self}? {fill}? bunuh|bunuhin|ngebunuh|membunuh|nusuk|tusuk|nikam|bacok dia|kamu|lo|lu"
        "|mereka|guru|orang|semua_orang|semuanya|{parent}",
        "{ewant} {efill}? to? kill|hurt|stab|shoot him|her|them|everyone|everybody|people|my_{parent}",
        "{intent} {self}? {fill}? {hit}|nonjok|tonjok|hajar|pukul|bacok|nikam|tusuk|nusuk|gebuk ~3 sampe"
        "|sampai|ampe {die}|babak_belur|bonyok|sekarat|berdarah|koma",
    )),
    (CONCERN, "ancaman", "", (
        "diancam|ngancem|ngancam|mengancam|nge_ancam|ancaman", "bunuh {self}", "threaten*|threat|threats",
    )),
    # --- Concern: abuse and violence. ---
    (CONCERN, "kekerasan", "", (
        "dipukul*|digebuk*|dihajar|ditampar|ditonjok|ditendang*|dijambak|dicekik|disiksa|dianiaya|disundut"
        "|dikurung|dikunciin|dicubit*|kdrt|kekerasan|penganiayaan|violent|violence",
        "{hit} ~1 {self}|{parent}|kami|adik|adek",
        "suka|sering|selalu|sukanya {hit} {fill}? {self}|anak|kami",
        "{abuser} ~2 suka|sering|selalu|sukanya {hit}|kasar|ngamuk", "ngunciin {self}", "{abuser} ~4 {hit}",
        "beaten|beat_up|beats_me_up", "yells|yelling|screams|screaming at me", "throws|throwing things"
                                                                               "|stuff at me",
        "kena|dapet tampar|pukul|gampar|tendang|tonjok|sabet|hajar|gebuk|jambak|cubit|sundut|tamparan"
        "|pukulan",
        "ditabok|disabet|dipecut|dicambuk|disetrika|diusir", "{neg} dikasih makan", "pelampiasan",
        "dikunci|dikunciin ~2 di|dalam kamar|kamar_mandi|gudang|toilet|wc",
        "ngurung|ngurungin|ngunci|ngunciin {self}",
        "kakak_kelas|senior|preman|geng ~3 maksa|malak|malakin|meras|memeras",
        "hurts|hits|beats|abuses|abused|hit|beat|hurt my mom|mum|mother|sister|brother|dad|father",
        "blackmail*|sextortion|diperas|memeras", "throw|throws|threw|throwing my stuff|things|bag|books",
        "nyentuh_nyentuh|colek_colek|nyolek|nyolek_nyolek",
        "masuk|masuk_ke kamar {self}? ~1 malem|malam|tengah_malam",
        "kasar sama|ke|kepada {self}|{parent}", "takut {intens}? sama|sm|ama {abuser}",
        "lempar|lemparin|ngelempar|ngelemparin|melempar|nimpuk|nimpukin|banting|ngebanting barang|piring"
        "|gelas",
        "hits|hit|beats|beat|hurts|hurt|slaps|slapped|kicks|kicked|chokes|choked|punches|punched|grabs"
        "|grabbed me",
        "scared|afraid|terrified of my dad|mom|stepdad|stepmom|father|mother|parents|uncle|brother",
        "abuse*|abusive|abused",
    )),
    (CONCERN, "pelecehan", "", (
        "dilecehkan|dilecehin|dicabuli|diperkosa|dirudapaksa|digrepe*|digerepe*|diraba*|pelecehan|pencabulan"
        "|pemerkosaan|dipegang_pegang|pegang_pegang",
        "megang_megang|meraba_raba|ngeraba_raba|ngegrepe|grepe_grepe|nyentuh_nyentuh {self}|badan|badanku"
        "|tubuhku|paha|dada|pantat",
        "dipaksa {fill}? {forced}",
        "maksa|maksain|dipaksa|nyuruh|disuruh ~3 foto|video|pap bugil|telanjang|tanpa_baju|nudes|vcs",
        "foto|video|pap bugil|telanjang|tanpa_busana", "vcs",
        "dipegang|megang|pegang {fill}? dada|pantat|paha|payudara|kemaluan", "dicium paksa",
        "molest*|rape|raped|raping|sexual_assault|assault*|nudes",
        "touches|touched|touching|forces|forced|grope*|groped|grabbing|grabs|grabbed me",
        "ngintip|ngintipin|ngintipin ~2 mandi|ganti_baju", "ngomong|omongan|chat|ngechat jorok|mesum|cabul",
    )),
]  # fmt: skip

# Feature combinations: when every tag of a group is present in a message -> (level, name).
COMBINATIONS: list[tuple[frozenset[str], str, str]] = [
    (frozenset({"nyusul", "death"}), CRISIS, "nyusul (alm.)"),
    (frozenset({"farewell", "apology"}), CRISIS, "pamit"),
    (frozenset({"farewell", "gratitude"}), CRISIS, "pamit"),
    (frozenset({"apology", "gratitude", "distress"}), CRISIS, "pamit"),
    (frozenset({"nyusul_wish", "there_better"}), CRISIS, "nyusul (alm.)"),
    (frozenset({"farewell_weak", "gratitude"}), CRISIS, "pamit"),
    (frozenset({"pamit", "distress"}), CRISIS, "pamit"),
    (frozenset({"pamit", "weakdistress"}), CRISIS, "pamit"),
]
# A method word together with any other concern or crisis signal in the same message -> crisis.
METHOD_WITH_DISTRESS = (CRISIS, "metode + tekanan")

# Words right before a signal that negate it ("aku nggak akan bunuh diri"), and the words allowed
# between the negation and the signal.
NEGATIONS = (
    "ga gak ngga nggak enggak engga ngak nga gk g tdk tidak ndak nda kagak kaga tak ogah bukan jangan jgn "
    "never not dont wont wouldnt neither nor"
)
NEGATION_BRIDGE = (
    "akan bakal bakalan mau pengen pgn ingin pernah kepikiran mikir mikirin berpikir berniat niat sampe "
    "sampai kok beneran bener sih lah kan buat untuk utk ada going gonna to want wanna ever even think "
    "thinking about planning plan would will do really actually seriously a be"
)
# A message about a film, the news, a lesson... (for `topic` rules) unless it also shows personal intent.
TOPIC_WORDS = (
    "makalah esai essay skripsi jurnal journal riset research survei survey laporan faktor_risiko prevalensi "
    "film movie drama drakor sinetron series serial anime manga episode novel berita news artikel article "
    "artis idol seleb celebrity tokoh karakter character lagu song lirik lyrics seminar webinar materi "
    "pelajaran presentasi penelitian dokumenter documentary kampanye sosialisasi penyuluhan statistik "
    "kasus game"
)
PERSONAL_WORDS = (
    "pengen pgn pen pingin pengin ingin kepengen mau mw niat rencana kepikiran mikir mikirin cara juga jg "
    "want wanna thinking plan gonna relate"
)
# Self-harm said to be over ("udah lama berhenti") unless something says it is happening again.
STOPPED_PHRASES = (
    "udah_berhenti udah_lama_berhenti sudah_berhenti sudah_lama_berhenti udah_stop udah_lama_ga "
    "udah_lama_gak udah_ga_lagi udah_gak_lagi stopped used_to berhenti_total"
)
# The same said at the end of a sentence ("dulu sempet sh, sekarang udah engga"); the "sekarang" in it
# does not count as a current word.
STOPPED_AT_END = (
    "sekarang_udah_engga sekarang_udah_nggak sekarang_udah_enggak sekarang_udah_ngga sekarang_udah_ga "
    "sekarang_udah_gak sekarang_udah_stop udah_engga udah_nggak udah_enggak udah_ngga udah_engga_kok "
    "udah_nggak_kok udah_ga_kok udah_gak_kok udah_engga_lagi udah_nggak_lagi udah_enggak_lagi udah_ngga_lagi "
    "not_anymore dont_anymore dont_do_it_anymore"
)
CURRENT_WORDS = (
    "relapse kambuh again semalem semalam tadi kemarin sekarang pengen mau still masih lagi_kepikiran "
    "kepikiran_lagi pgn"
)
# Words that people censor with "*" ("s*icide"): repaired before matching.
CENSORED_WORDS = (
    "suicide suicidal kill killing myself die dead death bunuh diri mati bundir selfharm cutting unalive "
    "overdose overdosis hang hanging racun silet sayat"
)
