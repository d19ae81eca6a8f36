"""Open data anyone can verify: datasets as CSV and JSON files per language, stored as dated
snapshots with their SHA-256 and Ed25519 signature, served fast from the stored bytes and
listed on /open-data/ with the public key (issue 15, part 5)."""
