/**
 * `npm run sign -- FILE.xml`: signs an AuthTokenRequest saved from the extension's authorize page with the
 * demo company owner's test certificate (the local KSeF twin trusts it, as KSeF TEST trusts self-signed ones),
 * and writes `FILE.signed.xml` next to it. For the demo only: a real user signs with their own qualified
 * signature, seal or Profil Zaufany.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { USER } from '../test/sim/people';
import { signerFor, signXml } from '../test/sim/signer';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run sign -- AuthTokenRequest.xml');
  process.exit(1);
}
const owner = signerFor({
  type: 'Pesel',
  value: USER.ownerPesel,
  name: `${USER.ownerFirstName} ${USER.ownerLastName}`,
});
const out = file.replace(/\.xml$/i, '') + '.signed.xml';
writeFileSync(out, signXml(readFileSync(file, 'utf8'), owner));
console.log(`Signed as ${USER.ownerFirstName} ${USER.ownerLastName} (test certificate): ${out}`);
