"""Scoring against gold (SPEC section 5) and the public NER corpora."""
