/** Entry of widget.js: defines `<ceu-finder>`; every tag on the page then upgrades itself. */
import { defineCeuFinder } from './ceu-finder.ts';

defineCeuFinder();
