import path from 'node:path';

/** The official KSeF material lives beside the repository, in `../shared/ksef` (read-only). */
export const SHARED_KSEF = path.resolve(__dirname, '../../../shared/ksef');
export const OPENAPI_PATH = path.join(SHARED_KSEF, 'openapi.json');
export const SAMPLES_DIR = path.join(SHARED_KSEF, 'samples');
