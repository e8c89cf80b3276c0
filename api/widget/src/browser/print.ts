/**
 * Prints one part of the widget without the host page around it: the node is cloned (text and
 * attributes only, no scripts) into a hidden same-origin iframe that carries its own print styles.
 */
import { adoptStyles, STYLES } from './styles.ts';

export function printNode(node: HTMLElement, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.setAttribute('tabindex', '-1');
  frame.dataset['ceuPrint'] = '';
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
  document.body.append(frame);
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  if (!doc || !win) return frame;
  doc.title = title;
  adoptStyles(
    doc,
    `${STYLES.replace(':host{', 'body{')}\nbody{border:0;padding:1rem}[data-print=hide]{display:none!important}`,
  );
  doc.body.append(doc.importNode(node, true));
  win.focus();
  win.print();
  // Removing the frame at once would cancel the dialog in some browsers; keep it a while.
  setTimeout(() => frame.remove(), 60_000);
  return frame;
}
