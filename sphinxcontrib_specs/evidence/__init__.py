"""Evidence: the test results and code markers that verify specs' items (``specs_test_results``,
``specs_code``), read once per build and joined to the index (:mod:`..core.evidence`)."""
