import path from 'node:path';
import { importsOf, resolveImport } from './rules';

/** Module → the project modules it imports (type-only imports included: they tie the modules' designs together). */
export function importGraph(sources: Record<string, string>): Map<string, string[]> {
  const files = new Set(Object.keys(sources));
  const find = (target: string) =>
    [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`].find((f) => files.has(f));
  const graph = new Map<string, string[]>();
  for (const [rel, source] of Object.entries(sources)) {
    const edges = new Set<string>();
    for (const spec of importsOf(source)) {
      const target = resolveImport(rel.split(path.sep).join('/'), spec.split('?')[0]!);
      const file = target ? find(target) : undefined;
      if (file) edges.add(file);
    }
    graph.set(rel, [...edges]);
  }
  return graph;
}

/** Every import cycle, as the modules in it (Tarjan's strongly connected components, with self-imports). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}
