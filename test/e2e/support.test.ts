import { supportSuite } from './support-suite';

supportSuite('chromium');
