"""Use cases the screens call: plain values in, plain values (frozen dataclasses) out."""
