"""Norfolk's demo data and the reference data every installation needs: the app at the top,
which loads through the feature apps' models and services (`seed_demo`, `rundemo`,
`load_reference_data`)."""
