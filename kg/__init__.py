"""claimkg: figure descriptions in, a knowledge graph of experimental claims out."""

__version__ = "0.1.0"
