"""Documents: certificates, the outcome statement and letters, as Word and PDF."""
