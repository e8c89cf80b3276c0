/** @module @ceu/api */
export {};
