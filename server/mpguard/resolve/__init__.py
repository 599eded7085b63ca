"""Layer 3, resolve: questions about other modules. `project.ProjectResolver` reads the project's own
modules with `ast`; `jedi_resolver.JediResolver` is jedi behind one interface (lazy, budgeted, cached,
never executing code). What a module does at import is summarised by a function the linter hands in."""
