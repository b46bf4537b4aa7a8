"""Pages of the BK program cycle, one module per use case: needs, program, activities,
campaigns, calendar."""
