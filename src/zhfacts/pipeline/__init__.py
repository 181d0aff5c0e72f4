"""spaCy adapters: the factories, the extensions, the tokenizers."""
