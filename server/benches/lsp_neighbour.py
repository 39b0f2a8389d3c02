#!/usr/bin/env python3
# A report opened next to a 3 MB one (another 机关, same folder): when is a
# hover sent right after didOpen answered, and when are the diagnostics
# published? Usage: server/benches/lsp_neighbour.py path/to/nianbao
# (docs/performance.md, 语言服务器).
import json, subprocess, sys, time, os, shutil
binary = sys.argv[1]
d = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'nianbao-neighbour-bench')
shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
for n in ['trigger-2023.nianbao', '2022.nianbao']:
    shutil.copy(f'{root}/tests/fixtures/rules/carry-over/mismatch/{n}', d)
t = open(f'{root}/examples/suizhong-2023.nianbao').read()
i = t.index('\n# 一、') + 1
huge = t[:i]
while len(huge.encode()) < 3 << 20:
    huge += t[i:] + '\n'
open(f'{d}/huge.nianbao', 'w').write(huge)
p = subprocess.Popen([binary, 'lsp'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=d)
def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b); p.stdin.flush()
def recv():
    n = None
    while True:
        line = p.stdout.readline()
        if line in (b'\r\n', b'\n'): break
        if line.lower().startswith(b'content-length'): n = int(line.split(b':')[1])
    return json.loads(p.stdout.read(n))
send({'jsonrpc':'2.0','id':1,'method':'initialize','params':{'capabilities':{},'processId':None,'rootUri':None}})
while recv().get('id') != 1: pass
send({'jsonrpc':'2.0','method':'initialized','params':{}})
u = 'file://' + d + '/trigger-2023.nianbao'
text = open(d + '/trigger-2023.nianbao').read()
t0 = time.perf_counter()
send({'jsonrpc':'2.0','method':'textDocument/didOpen','params':{'textDocument':{'uri':u,'languageId':'nianbao','version':1,'text':text}}})
send({'jsonrpc':'2.0','id':2,'method':'textDocument/hover','params':{'textDocument':{'uri':u},'position':{'line':0,'character':0}}})
got = {}
while 'hover' not in got or 'diag' not in got:
    m = recv()
    if m.get('id') == 2 and 'hover' not in got: got['hover'] = time.perf_counter() - t0
    if m.get('method') == 'textDocument/publishDiagnostics' and m['params']['uri'] == u:
        got['diag'] = time.perf_counter() - t0
        got['carry'] = sum(1 for x in m['params']['diagnostics'] if x.get('code') == 'carry-over')
print(f"hover answered after {got['hover']*1000:.1f} ms; diagnostics after {got['diag']*1000:.1f} ms (carry-over findings: {got['carry']})")
send({'jsonrpc':'2.0','id':3,'method':'shutdown'}); 
p.stdin.close(); p.kill()
