import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AuthXmlRule } from './auth-token-request-rules';

/**
 * Reads an `AuthTokenRequest` (docs/ksef.md §3.2) and enforces the rules of the official XSDs
 * (`schemat_auth_v2-0.xsd`, `schemat_auth_v2-1.xsd`). The XSDs do not mention `ds:Signature`; KSeF expects it
 * enveloped after the last schema element, so that is the one foreign element we accept, and only there.
 * Both versions are checked with the 2.1 IPv4 patterns: the 2.0 ones use `^`, `$` and `\b`, which XSD regular
 * expressions do not have, and 2.1 was published to replace them with what they meant.
 */
export const AUTH_NAMESPACES = {
  'http://ksef.mf.gov.pl/auth/token/2.0': '2.0',
  'http://ksef.mf.gov.pl/auth/token/2.1': '2.1',
} as const;
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const AUTH_XML_MAX_BYTES = 256 * 1024;

export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';
export type SubjectIdentifierType = 'certificateSubject' | 'certificateFingerprint';

export interface IpPolicy {
  ip4Addresses: string[];
  ip4Ranges: string[];
  ip4Masks: string[];
}

export interface AuthTokenRequestInfo {
  version: '2.0' | '2.1';
  challenge: string;
  /** The date part of the challenge (`yyyyMMdd` → `yyyy-MM-dd`), i.e. the day KSeF issued it. */
  challengeDate: string;
  contextIdentifier: { type: ContextIdentifierType; value: string };
  subjectIdentifierType: SubjectIdentifierType;
  ipPolicy: IpPolicy | null;
  signed: boolean;
  signatureCount: number;
}

export { AUTH_XML_RULE_TEXT, type AuthXmlRule } from './auth-token-request-rules';

export type AuthXmlResult =
  { ok: true; request: AuthTokenRequestInfo } | { ok: false; rule: AuthXmlRule; detail: string };

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IP4 = `(${OCTET}\\.){3}${OCTET}`;
const NIP = '[1-9]((\\d[1-9])|([1-9]\\d))\\d{7}';
const EU_VAT =
  '((AT)(U\\d{8})|(BE)([01]{1}\\d{9})|(BG)(\\d{9,10})|(CY)(\\d{8}[A-Z])|(CZ)(\\d{8,10})|(DE)(\\d{9})|(DK)(\\d{8})|' +
  '(EE)(\\d{9})|(EL)(\\d{9})|(ES)([A-Z]\\d{8}|\\d{8}[A-Z]|[A-Z]\\d{7}[A-Z])|(FI)(\\d{8})|(FR)[A-Z0-9]{2}\\d{9}|' +
  '(HR)(\\d{11})|(HU)(\\d{8})|(IE)(\\d{7}[A-Z]{2}|\\d[A-Z0-9+*]\\d{5}[A-Z])|(IT)(\\d{11})|(LT)(\\d{9}|\\d{12})|' +
  '(LU)(\\d{8})|(LV)(\\d{11})|(MT)(\\d{8})|(NL)([A-Z0-9+*]{12})|(PT)(\\d{9})|(RO)(\\d{2,10})|(SE)(\\d{12})|' +
  '(SI)(\\d{8})|(SK)(\\d{10})|(XI)((\\d{9}|(\\d{12}))|(GD|HA)(\\d{3})))';
const whole = (p: string) => new RegExp(`^(?:${p})$`);

const CONTEXT_PATTERNS: Record<ContextIdentifierType, RegExp> = {
  Nip: whole(NIP),
  InternalId: whole(`${NIP}-\\d{5}`),
  NipVatUe: whole(`${NIP}-${EU_VAT}`),
  PeppolId: /^P[A-Z]{2}[0-9]{6}$/,
};
const IP_PATTERNS = {
  Ip4Address: whole(IP4),
  Ip4Range: whole(`${IP4}-${IP4}`),
  Ip4Mask: whole(`${IP4}/(0|[1-9]|[12][0-9]|3[0-2])`),
} as const;
const CHALLENGE = /^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/;

/** xsd:token value space: whitespace collapsed and trimmed. */
const collapse = (s: string) => s.replace(/[\t\n\r ]+/g, ' ').trim();

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };
interface El {
  ns: string | null;
  local: string;
  children: El[];
  text: string;
}

class Reject extends Error {
  constructor(
    readonly rule: AuthXmlRule,
    readonly detail: string,
  ) {
    super(`${rule}: ${detail}`);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function toTree(nodes: OrderedNode[], scope: Record<string, string>): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const attrs = node[':@'] ?? {};
    const local = { ...scope };
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') local[''] = v;
      else if (k.startsWith('xmlns:')) local[k.slice(6)] = v;
    }
    const colon = name.indexOf(':');
    const prefix = colon >= 0 ? name.slice(0, colon) : '';
    const content = (node[name] as OrderedNode[]) ?? [];
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    out.push({
      ns: local[prefix] ?? null,
      local: colon >= 0 ? name.slice(colon + 1) : name,
      children: toTree(content, local),
      text,
    });
  }
  return out;
}

function textOf(el: El): string {
  if (el.children.length) throw new Reject('unexpected-element', `${el.local} must hold text only`);
  return el.text;
}

function noLooseText(el: El): void {
  if (el.text.trim() !== '') throw new Reject('unexpected-text', `${el.local}: "${el.text.trim().slice(0, 40)}"`);
}

function readIpPolicy(policy: El, ns: string): IpPolicy {
  noLooseText(policy);
  const [allowed, ...rest] = policy.children;
  if (!allowed || allowed.ns !== ns || allowed.local !== 'AllowedIps') {
    throw new Reject('AllowedIps.required', 'AuthorizationPolicy/AllowedIps');
  }
  if (rest.length) throw new Reject('unexpected-element', rest[0]!.local);
  noLooseText(allowed);
  const result: IpPolicy = { ip4Addresses: [], ip4Ranges: [], ip4Masks: [] };
  const order = ['Ip4Address', 'Ip4Range', 'Ip4Mask'] as const;
  const target = { Ip4Address: result.ip4Addresses, Ip4Range: result.ip4Ranges, Ip4Mask: result.ip4Masks };
  let stage = 0;
  for (const child of allowed.children) {
    const idx = order.indexOf(child.local as (typeof order)[number]);
    if (child.ns !== ns || idx < 0) throw new Reject('unexpected-element', `AllowedIps/${child.local}`);
    if (idx < stage) throw new Reject('sequence', `${child.local} after ${order[stage]}`);
    stage = idx;
    const kind = order[idx]!;
    const value = collapse(textOf(child));
    if (!IP_PATTERNS[kind].test(value)) throw new Reject(`${kind}.pattern`, value);
    target[kind].push(value);
    if (target[kind].length > 10) throw new Reject('AllowedIps.maxOccurs', `${kind} × ${target[kind].length}`);
  }
  return result;
}

function readRoot(root: El): AuthTokenRequestInfo {
  if (root.local !== 'AuthTokenRequest') throw new Reject('root', root.local);
  const version = root.ns ? AUTH_NAMESPACES[root.ns as keyof typeof AUTH_NAMESPACES] : undefined;
  if (!version) throw new Reject('namespace', root.ns ?? '(none)');
  const ns = root.ns!;
  noLooseText(root);

  const own = root.children.filter((c) => c.ns !== XMLDSIG_NS);
  const signatures = root.children.filter((c) => c.ns === XMLDSIG_NS);
  for (const s of signatures) {
    if (s.local !== 'Signature') throw new Reject('unexpected-element', `ds:${s.local}`);
  }
  const firstSig = root.children.findIndex((c) => c.ns === XMLDSIG_NS);
  if (firstSig >= 0 && root.children.slice(firstSig).some((c) => c.ns !== XMLDSIG_NS)) {
    throw new Reject('Signature.position', 'ds:Signature before AuthTokenRequest content');
  }

  const expected = ['Challenge', 'ContextIdentifier', 'SubjectIdentifierType'];
  for (const [i, name] of expected.entries()) {
    const el = own[i];
    if (!el) throw new Reject('sequence', `missing ${name}`);
    if (el.ns !== ns) throw new Reject('unexpected-element', `${el.local} (namespace ${el.ns ?? 'none'})`);
    if (el.local !== name) {
      throw new Reject(expected.includes(el.local) ? 'sequence' : 'unexpected-element', `${el.local} where ${name}`);
    }
  }
  const [challengeEl, contextEl, subjectEl, ...others] = own as [El, El, El, ...El[]];
  const policyEl = others[0];
  if (policyEl && (policyEl.ns !== ns || policyEl.local !== 'AuthorizationPolicy')) {
    throw new Reject(expected.includes(policyEl.local) ? 'sequence' : 'unexpected-element', policyEl.local);
  }
  if (others.length > 1) throw new Reject('unexpected-element', others[1]!.local);

  const challenge = collapse(textOf(challengeEl));
  if (challenge.length !== 36) throw new Reject('Challenge.length', `${challenge.length} characters`);
  if (!CHALLENGE.test(challenge)) throw new Reject('Challenge.pattern', challenge);

  noLooseText(contextEl);
  if (contextEl.children.length !== 1) {
    throw new Reject('ContextIdentifier.choice', `${contextEl.children.length} identifiers`);
  }
  const idEl = contextEl.children[0]!;
  if (idEl.ns !== ns || !(idEl.local in CONTEXT_PATTERNS)) {
    throw new Reject('ContextIdentifier.choice', idEl.local);
  }
  const type = idEl.local as ContextIdentifierType;
  // xsd:string: the value is taken as written, whitespace included.
  const value = textOf(idEl);
  if (!CONTEXT_PATTERNS[type].test(value)) throw new Reject(`${type}.pattern`, value);

  const subject = collapse(textOf(subjectEl));
  if (subject !== 'certificateSubject' && subject !== 'certificateFingerprint') {
    throw new Reject('SubjectIdentifierType.enumeration', subject);
  }

  return {
    version,
    challenge,
    challengeDate: `${challenge.slice(0, 4)}-${challenge.slice(4, 6)}-${challenge.slice(6, 8)}`,
    contextIdentifier: { type, value },
    subjectIdentifierType: subject,
    ipPolicy: policyEl ? readIpPolicy(policyEl, ns) : null,
    signed: signatures.length > 0,
    signatureCount: signatures.length,
  };
}

/** Read an AuthTokenRequest from text or bytes. Never throws. */
export function readAuthTokenRequest(input: string | Uint8Array): AuthXmlResult {
  try {
    let xml: string;
    if (typeof input === 'string') {
      if (input.length > AUTH_XML_MAX_BYTES) throw new Reject('size', `${input.length} characters`);
      xml = input;
    } else {
      if (input.byteLength > AUTH_XML_MAX_BYTES) throw new Reject('size', `${input.byteLength} bytes`);
      try {
        xml = new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        throw new Reject('encoding', 'not UTF-8');
      }
    }
    xml = xml.replace(/^\uFEFF/, '');
    if (/<!DOCTYPE/i.test(xml)) throw new Reject('doctype', 'DOCTYPE');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new Reject('well-formed', `line ${valid.err.line}: ${valid.err.msg}`);
    const tree = toTree(parser.parse(xml) as OrderedNode[], {});
    if (tree.length !== 1) throw new Reject('root', `${tree.length} root elements`);
    return { ok: true, request: readRoot(tree[0]!) };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, rule: e.rule, detail: e.detail };
    return { ok: false, rule: 'well-formed', detail: e instanceof Error ? e.message : String(e) };
  }
}
