import { supportSuite } from './support-suite';

supportSuite('firefox');
