"""Builds a Jupyter notebook from a percent-format script (cells start with "# %%", markdown cells with
"# %% [markdown]"), so each reference notebook in notebooks-export/ has one source of truth: its .py."""
import sys

import nbformat


def cells(text):
    kind, lines = None, []
    for line in text.splitlines():
        if line.startswith("# %%"):
            if kind is not None:
                yield kind, lines
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        elif kind is not None:
            lines.append(line)
    if kind is not None:
        yield kind, lines


def main(src, dst):
    with open(src) as fh:
        text = fh.read()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, lines in cells(text):
        if kind == "markdown":
            body = "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in lines).strip()
            nb.cells.append(nbformat.v4.new_markdown_cell(body))
        else:
            nb.cells.append(nbformat.v4.new_code_cell("\n".join(lines).strip()))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"  # stable ids: regenerating leaves the notebook unchanged
    nbformat.validate(nb)
    with open(dst, "w") as fh:
        nbformat.write(nb, fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
