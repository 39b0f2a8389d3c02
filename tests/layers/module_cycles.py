#!/usr/bin/env python3
"""Import circles between the source files of each crate under server/.

A file depends on another when it names it through `crate::…` or `super::…`
(outside `#[cfg(test)]` modules: a test may run the whole pipeline). Prints
every circle and exits 1 if there is one. Crates cannot form circles (cargo
refuses them), so files inside a crate are what this looks at.
"""
import pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "server"
PATH = re.compile(r"\b(crate|super)((?:::[a-z_][a-z0-9_]*)+)")

def module_file(src, parts):
    """The file of the deepest module named by parts (a list of names) under src."""
    best = None
    here = src
    for i, name in enumerate(parts):
        f, d = here / f"{name}.rs", here / name / "mod.rs"
        if f.exists():
            best = f
        elif d.exists():
            best = d
        else:
            break
        here = here / name
    return best

def module_dir(src, path):
    """The directory whose files are `path`'s sibling modules, as names from src."""
    rel = path.relative_to(src).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts

def graph(src):
    edges = {}
    for path in sorted(src.rglob("*.rs")):
        text = path.read_text()
        cut = text.find("#[cfg(test)]")
        if cut >= 0:
            text = text[:cut]
        text = re.sub(r"//.*", "", text)
        me = module_dir(src, path)
        deps = set()
        for kind, rest in PATH.findall(text):
            names = rest.split("::")[1:]
            if kind == "crate":
                base = []
            else:
                base = me[:-1]
                while names and names[0] == "super":
                    base, names = base[:-1], names[1:]
            target = module_file(src, base + names)
            if target and target != path:
                deps.add(target)
        edges[path] = deps
    return edges

def circles(edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1
        stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)
    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            visit(v)
    return out

found = 0
srcs = [ROOT / "src"] + sorted(p / "src" for p in (ROOT / "crates").iterdir() if (p / "src").is_dir())
for src in srcs:
    for comp in circles(graph(src)):
        found += 1
        print("circle:", " ↔ ".join(str(p.relative_to(ROOT)) for p in sorted(comp)))
print(f"{len(srcs)} crates, {found} import circle(s)")
sys.exit(1 if found else 0)
