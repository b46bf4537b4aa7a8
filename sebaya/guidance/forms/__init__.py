"""Forms of the BK program cycle, one module per use case."""
