/** Reading Chromium's traces for `npm run bench`: which main-thread tasks ran the extension's code. */

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
];

/**
 * The longest task on the page's main thread that ran any of the extension's code, from a trace with V8's
 * sampling profiler: a task counts as ours when a CPU sample inside it has a `chrome-extension://` frame on
 * its stack. The page's own tasks (its fetch, its JSON parse of a 4 MB response, its rendering) do not count.
 */
export function longestExtensionTask(trace: Uint8Array | undefined): { ours: number; any: number } {
  if (!trace) return { ours: 0, any: 0 };
  const events = (JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const samples: { tid: number; t: number }[] = [];
  for (const profile of events.filter((e) => e.name === 'Profile')) {
    const nodes = new Map<number, ProfileNode>();
    let t = profile.args!.data!.startTime!;
    for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id)) {
      const data = chunk.args!.data!;
      for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      (data.cpuProfile?.samples ?? []).forEach((id, i) => {
        t += data.timeDeltas?.[i] ?? 0;
        for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
          if (n.callFrame.url?.startsWith('chrome-extension://')) {
            samples.push({ tid: profile.tid, t });
            break;
          }
        }
      });
    }
  }
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number');
  const ours = tasks.filter((k) => samples.some((x) => x.tid === k.tid && x.t >= k.ts && x.t <= k.ts + k.dur!));
  const tids = new Set(samples.map((x) => x.tid));
  const onMain = tasks.filter((k) => tids.has(k.tid));
  return {
    ours: Math.max(0, ...ours.map((k) => k.dur! / 1000)),
    any: Math.max(0, ...onMain.map((k) => k.dur! / 1000)),
  };
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}
interface TraceEvent {
  ph: string;
  name: string;
  tid: number;
  ts: number;
  id?: string;
  dur?: number;
  args?: {
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}
