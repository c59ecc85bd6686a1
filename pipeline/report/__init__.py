"""What users read from an output folder: the HTML view, the exports and the stats."""
