"""Scorers: NER, dates, entity pairs and claims (``arclaims evaluate``)."""
