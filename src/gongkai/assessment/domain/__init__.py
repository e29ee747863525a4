"""Pure rules of the assessment (考评): indicator trees, scoring, awards, summary sentences.

Nothing here imports django; the Django side (measures, services) feeds plain values in.
"""
