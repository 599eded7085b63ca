from mpguard.cli import main

raise SystemExit(main())
