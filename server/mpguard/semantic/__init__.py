"""Layer 2, semantic: the model of one module. Scopes and names, abstract values, calls and what they
return, the facts rules read (process creations, starts, submits, effects), pickle's algorithm, and the
platform / start-method model. Imports only `mpguard.text`; a resolver for other modules is handed in."""
