import { layoutsSuite, VARIANTS } from './layouts-suite';

// The key case in Firefox: a list known only by what it shows (unknown route, role="row" rows, no table),
// revoked by selection as the manual describes.
layoutsSuite(
  'firefox',
  VARIANTS.filter((v) => v.name === 'aria-rows-other-routes'),
);
