import { layoutsSuite, VARIANTS } from './layouts-suite';

layoutsSuite('chromium', VARIANTS);
