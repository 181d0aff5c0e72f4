"""The Page: one document's text, clean text with its offset map, context and structure,
built once.
"""
