"""Publishing and checking releases: the atomic, crash-safe publication, the output lock,
the changes between releases, `parley verify`, and the fault points tests crash at.
"""
