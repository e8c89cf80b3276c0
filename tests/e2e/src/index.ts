/** @module @ceu/tests */
export {};
