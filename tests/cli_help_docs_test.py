#!/usr/bin/env python3
"""docs/cli.md and `govmap --help` agree: the document embeds the --help text of
govmap and of every command verbatim, each in a block headed by the comment
<!-- govmap COMMAND --help -->, and every command has a section or a line
pointing to its document. GOVMAP_UPDATE_DOCS=1 rewrites the blocks from the
binary (then read the diff).

Usage: cli_help_docs_test.py GOVMAP DOCS_CLI_MD
"""
import os
import re
import subprocess
import sys

govmap, doc_path = sys.argv[1], sys.argv[2]


def help_text(args):
    r = subprocess.run([govmap] + args + ["--help"], capture_output=True, text=True,
                       env=dict(os.environ, COLUMNS="100"))
    if r.returncode != 0:
        sys.exit(f"govmap {' '.join(args)} --help exited {r.returncode}: {r.stderr}")
    return r.stdout.rstrip("\n") + "\n"


top = help_text([])
# CLI11 lists subcommands after "Subcommands:", one per line, name first.
commands = re.findall(r"^  (\w+)\s", top.split("Subcommands:", 1)[1], re.M)
if len(commands) < 10:
    sys.exit(f"could not read the command list from govmap --help: {commands}")

doc = open(doc_path, encoding="utf-8").read()
BLOCK = re.compile(r"<!-- govmap ?(\w*) --help -->\n```text\n(.*?)```\n", re.S)
found = {m.group(1): m.group(2) for m in BLOCK.finditer(doc)}
wanted = {"": top}
for c in commands:
    wanted[c] = help_text([c])

if os.environ.get("GOVMAP_UPDATE_DOCS") == "1":
    missing = [c for c in wanted if c not in found]
    def repl(m):
        name = m.group(1)
        return f"<!-- govmap {name + ' ' if name else ''}--help -->\n```text\n{wanted.get(name, m.group(2))}```\n"
    doc = BLOCK.sub(repl, doc)
    for c in missing:
        doc += f"\n### `govmap {c} --help`\n\n<!-- govmap {c} --help -->\n```text\n{wanted[c]}```\n"
    open(doc_path, "w", encoding="utf-8").write(doc)
    print(f"updated {doc_path}")
    sys.exit(0)

ok = True
for name, text in wanted.items():
    label = f"govmap {name} --help" if name else "govmap --help"
    if name not in found:
        print(f"{doc_path}: no block <!-- {label} --> (run with GOVMAP_UPDATE_DOCS=1)")
        ok = False
    elif found[name] != text:
        print(f"{doc_path}: the block for {label} differs from the binary's output:")
        import difflib
        sys.stdout.writelines(difflib.unified_diff(found[name].splitlines(True),
                                                   text.splitlines(True), "docs", "binary"))
        ok = False
for name in found:
    if name and name not in wanted:
        print(f"{doc_path}: a block for 'govmap {name} --help', which is no command")
        ok = False
# Every command is described in prose too: a heading naming it, or a line
# pointing to the document that does.
for c in commands:
    if not re.search(rf"^#+ .*\b{c}\b", doc, re.M) and not re.search(
            rf"^- `govmap {c}`", doc, re.M) and not re.search(rf"`govmap {c}`: see", doc):
        print(f"{doc_path}: no section for command {c}")
        ok = False
print(f"{len(wanted)} help texts compared" if ok else "docs/cli.md and --help disagree")
sys.exit(0 if ok else 1)
