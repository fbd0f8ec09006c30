"""`make bench`: Parley's speed and memory against the bare spaCy parse."""
