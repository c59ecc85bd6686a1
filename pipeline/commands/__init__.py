"""One module per ``arclaims`` subcommand; each defines ``register(subparsers)``.

cli.py discovers the modules here, so adding a command never touches an if-chain.
A command's handler returns the process exit code.
"""
