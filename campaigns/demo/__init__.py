"""Demo content of the campaigns app: cases (more to come with later features)."""


def build(log):
    return 0
