"""Facts (which figure measures what, when and where) and the consistency checks over them."""
