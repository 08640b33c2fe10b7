// The demo that `npm run demo` runs. Until the campus simulation lands it shows the exact-number
// boundary that every later module is built on.
import './exact-numbers.js';
