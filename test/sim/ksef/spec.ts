import path from 'node:path';
import { loadOpenApi } from '../openapi';

/** The official OpenAPI document (`../shared/ksef/openapi.json`): the twin's routes, permissions and schemas. */
export const SPEC_PATH = path.resolve(import.meta.dirname, '../../../../shared/ksef/openapi.json');
const spec = loadOpenApi(SPEC_PATH, 'openapi.json');

export type { Operation, SchemaCheck } from '../openapi';
export const OPERATIONS = spec.operations;
export const findOperation = spec.findOperation;
export const validateRequestBody = spec.validateRequestBody;
export const validateResponse = spec.validateResponse;
