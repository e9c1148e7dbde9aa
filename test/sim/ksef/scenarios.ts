import { certificateSerial, nipFor, permissionId, peselFor, referenceNumber } from '../ids';
import { ACCOUNTANT, OFFICE, PROVIDER, USER } from '../people';
import type { CertificateRecord, Identifier, PermissionRecord, TokenRecord, World } from './state';

/**
 * Named worlds for the twin. Each starts from the user's company with its owner
 * (a person whose PESEL is linked to the NIP) and an accountant, and adds what the scenario is about.
 */
export const SCENARIO_NAMES = [
  'clean',
  'active-integration',
  'leftovers-after-disconnect',
  'duplicate-grants',
  'risky',
  'provider-token',
  'provider-certificates',
  'accounting-office',
  'own-certificates',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const DAY = 24 * 3600_000;
const OWNER: Identifier = { type: 'Pesel', value: USER.ownerPesel };
const PROVIDER_ID: Identifier = { type: 'Nip', value: PROVIDER.nip };

function record(
  world: World,
  daysAgo: number,
  r: Omit<
    PermissionRecord,
    'id' | 'context' | 'state' | 'startDate' | 'effectiveAt' | 'visibleAt' | 'authorIdentifier'
  > &
    Partial<Pick<PermissionRecord, 'authorIdentifier' | 'context' | 'state'>>,
): PermissionRecord {
  const at = world.clock.now() - daysAgo * DAY;
  const rec: PermissionRecord = {
    id: permissionId(),
    context: USER.nip,
    authorIdentifier: OWNER,
    state: 'Active',
    startDate: new Date(at).toISOString(),
    effectiveAt: at,
    visibleAt: at,
    ...r,
  };
  world.permissions.push(rec);
  return rec;
}

const providerDetails = { subjectDetailsType: 'EntityByIdentifier', fullName: PROVIDER.name };

function providerGrant(world: World, daysAgo: number, scope: string, extra: Partial<PermissionRecord> = {}) {
  return record(world, daysAgo, {
    kind: 'entity',
    authorizedIdentifier: PROVIDER_ID,
    scope,
    description: `${PROVIDER.product} – integracja z KSeF`,
    canDelegate: false,
    subjectEntityDetails: providerDetails,
    ...extra,
  });
}

function token(
  world: World,
  daysAgo: number,
  t: Partial<TokenRecord> & Pick<TokenRecord, 'description' | 'requestedPermissions'>,
) {
  const at = world.clock.now() - daysAgo * DAY;
  const ref = referenceNumber('EC', at);
  world.tokens.push({
    referenceNumber: ref,
    secret: `${ref}|nip-${USER.nip}|${'ab'.repeat(32)}${world.tokens.length}`,
    authorIdentifier: OWNER,
    contextIdentifier: { type: 'Nip', value: USER.nip },
    dateCreated: at,
    activatesAt: at,
    status: 'Active',
    ...t,
  });
}

function certificate(world: World, c: Partial<CertificateRecord> & Pick<CertificateRecord, 'name' | 'validTo'>) {
  const now = world.clock.now();
  world.certificates.push({
    certificateSerialNumber: certificateSerial(),
    type: 'Authentication',
    commonName: `${USER.ownerFirstName} ${USER.ownerLastName}`,
    subjectIdentifier: OWNER,
    validFrom: c.validTo - 730 * DAY,
    requestDate: Math.min(now, c.validTo - 730 * DAY),
    ...c,
  });
}

function base(world: World) {
  world.config.ownerLinks = { [USER.ownerPesel]: USER.nip };
  world.names.set(`Nip:${USER.nip}`, USER.name);
  world.names.set(`Pesel:${USER.ownerPesel}`, `${USER.ownerFirstName} ${USER.ownerLastName}`);
  world.names.set(`Nip:${PROVIDER.nip}`, PROVIDER.name);
  const accountant = {
    subjectDetailsType: 'PersonByIdentifier',
    firstName: ACCOUNTANT.firstName,
    lastName: ACCOUNTANT.lastName,
  };
  for (const scope of ['InvoiceRead', 'CredentialsRead']) {
    record(world, 120, {
      kind: 'person',
      authorizedIdentifier: { type: 'Pesel', value: ACCOUNTANT.pesel },
      scope,
      description: 'Księgowa – przeglądanie faktur i uprawnień',
      canDelegate: false,
      subjectPersonDetails: accountant,
    });
  }
}

const SEEDS: Record<ScenarioName, (world: World) => void> = {
  clean: () => undefined,
  'active-integration': (w) => {
    providerGrant(w, 30, 'InvoiceWrite');
    providerGrant(w, 30, 'InvoiceRead');
  },
  'leftovers-after-disconnect': (w) => {
    providerGrant(w, 200, 'InvoiceWrite');
    providerGrant(w, 200, 'InvoiceRead');
  },
  'duplicate-grants': (w) => {
    providerGrant(w, 200, 'InvoiceWrite');
    providerGrant(w, 200, 'InvoiceRead');
    // A second authorization, months later, granted the same scope again (and one was typed by hand).
    providerGrant(w, 20, 'InvoiceWrite', { description: `${PROVIDER.product} – ponowna autoryzacja` });
    record(w, 15, {
      kind: 'person',
      authorizedIdentifier: PROVIDER_ID,
      scope: 'InvoiceRead',
      description: 'Dodane ręcznie w Aplikacji Podatnika',
      canDelegate: false,
    });
  },
  risky: (w) => {
    providerGrant(w, 60, 'InvoiceWrite', { canDelegate: true });
    providerGrant(w, 60, 'InvoiceRead', { canDelegate: true });
    for (const scope of ['CredentialsManage', 'Introspection']) {
      record(w, 60, {
        kind: 'person',
        authorizedIdentifier: PROVIDER_ID,
        scope,
        description: `${PROVIDER.product} – administracja`,
        canDelegate: false,
      });
    }
    token(w, 30, {
      authorIdentifier: PROVIDER_ID,
      description: `${PROVIDER.product} – token serwisowy`,
      requestedPermissions: ['InvoiceRead', 'InvoiceWrite', 'CredentialsManage'],
      lastUseDate: w.clock.now() - DAY,
    });
  },
  'provider-token': (w) => {
    token(w, 45, {
      description: `${PROVIDER.product} – integracja KSeF`,
      requestedPermissions: ['InvoiceRead', 'InvoiceWrite'],
      lastUseDate: w.clock.now() - 2 * 3600_000,
    });
    token(w, 300, { description: 'Kasa fiskalna w sklepie', requestedPermissions: ['InvoiceWrite'] });
  },
  'provider-certificates': (w) => {
    const now = w.clock.now();
    certificate(w, {
      name: `${PROVIDER.product} – certyfikat integracji`,
      validTo: now + 600 * DAY,
      lastUseDate: now - 3600_000,
    });
    certificate(w, { name: `${PROVIDER.product} – certyfikat offline`, type: 'Offline', validTo: now + 600 * DAY });
    certificate(w, { name: 'Mój certyfikat do logowania', validTo: now + 500 * DAY });
  },
  'accounting-office': (w) => {
    // An accounting office's context: thousands of staff and client grants, the provider's in the middle.
    for (let i = 0; i < 9_998; i++) {
      const person = i % 3 !== 0;
      record(w, 1 + (i % 700), {
        kind: person ? 'person' : 'entity',
        authorizedIdentifier: person ? { type: 'Pesel', value: peselFor(i) } : { type: 'Nip', value: nipFor(i) },
        scope: i % 2 ? 'InvoiceRead' : 'InvoiceWrite',
        description: person ? `Pracownik biura nr ${i}` : `Klient biura nr ${i}`,
        canDelegate: false,
        ...(person
          ? {
              subjectPersonDetails: {
                subjectDetailsType: 'PersonByIdentifier',
                firstName: 'Pracownik',
                lastName: `Numer ${i}`,
              },
            }
          : { subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: `Klient ${i} sp. z o.o.` } }),
      });
    }
    providerGrant(w, 350, 'InvoiceWrite');
    providerGrant(w, 350, 'InvoiceRead');
    w.names.set(`Nip:${OFFICE.nip}`, OFFICE.name);
  },
  'own-certificates': (w) => {
    const now = w.clock.now();
    for (const days of [5, 13, 29, 400]) {
      certificate(w, {
        name: `Certyfikat KSeF (ważny ${days} dni)`,
        validTo: now + days * DAY,
        lastUseDate: now - DAY,
      });
    }
    certificate(w, { name: 'Certyfikat unieważniony', validTo: now + 200 * DAY, revokedAt: now - 10 * DAY });
  },
};

/** Replace the world's data with the scenario's; configuration other than owner links is kept. */
export function seedScenario(world: World, name: ScenarioName): void {
  world.permissions = [];
  world.operations.clear();
  world.tokens = [];
  world.certificates = [];
  world.auth.clear();
  world.challenges.clear();
  world.names.clear();
  world.scenario = name;
  base(world);
  SEEDS[name](world);
}

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}
