"""The statistical name model: a character CRF, its features and its numpy tagger."""
