#!/usr/bin/env python3
"""function_length.py — no function in the given folders is longer than the limit.

    function_length.py [--max N] [--report] ROOT FOLDER...

A function is a block that opens at namespace level (column 0) or at class
level (column 2) on a line that is a function header (a ')' before the '{',
not a class, struct, enum, namespace or initializer), counted from its header
to its closing brace. Lambdas and local blocks are part of their function.
Exits 1 naming every function over the limit (file:line, length), so the UI
stays written in named parts. --report lists the longest ten as well.
"""
import os
import re
import sys

NOT_FUNC = re.compile(r'^\s*(namespace|class|struct|enum|union|using|template|extern|typedef|static_assert|#|//)')


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'^( {0,2})(\S)', line)
        if not m or NOT_FUNC.match(line) or line.strip().startswith(('}', 'public:', 'private:', 'protected:')):
            i += 1
            continue
        indent = m.group(1)
        # The header may wrap: join lines until one ends with '{' or ';'.
        j, header = i, line
        while j < len(lines) and not re.search(r'[{;}]\s*(//.*)?$', lines[j]) and j - i < 8:
            j += 1
            if j < len(lines):
                header += ' ' + lines[j].strip()
        if j >= len(lines) or not re.search(r'\{\s*(//.*)?$', lines[j]) or ')' not in header or '=' in header.split('(')[0]:
            i = j + 1
            continue
        if re.search(r'\{\s*\}\s*$', lines[j]):  # one-line body
            i = j + 1
            continue
        close = re.compile('^' + indent + r'\}')
        k = j + 1
        while k < len(lines) and not close.match(lines[k]):
            k += 1
        name = re.search(r'([~\w:]+)\s*\(', header)
        out.append((name.group(1) if name else header[:40], i + 1, k - i + 1))
        i = k + 1
    return out


def main(argv):
    limit, report, args = 80, False, []
    it = iter(argv)
    for a in it:
        if a == '--max':
            limit = int(next(it))
        elif a == '--report':
            report = True
        else:
            args.append(a)
    root, folders = args[0], args[1:]
    found, bad = [], []
    for folder in folders:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for f in sorted(files):
                if f.endswith(('.cpp', '.h')):
                    p = os.path.join(dirpath, f)
                    for name, line, n in functions(p):
                        rel = os.path.relpath(p, root)
                        found.append((n, rel, line, name))
                        if n > limit:
                            bad.append((n, rel, line, name))
    if report:
        for n, rel, line, name in sorted(found, reverse=True)[:10]:
            print(f'{rel}:{line}: {name}: {n} lines')
    for n, rel, line, name in sorted(bad, reverse=True):
        print(f'function_length: {rel}:{line}: {name} is {n} lines (limit {limit}): split it into named parts')
    if not bad:
        print(f'function_length: ok ({len(found)} functions, none over {limit} lines)')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
