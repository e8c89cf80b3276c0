/** @module @ceu/crawlers */
export {};
