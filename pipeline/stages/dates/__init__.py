"""Dates: ``tagger`` finds date expressions, ``resolve`` turns them into ISO values against the
publication date."""
