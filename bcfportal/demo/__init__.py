"""Norfolk's demo data and the reference data every installation needs (see seed_demo)."""
