/** @module @ceu/search */
export {};
