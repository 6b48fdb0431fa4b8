// Single blessed widget modules, loaded without the whole library (runTui start-up; why there is no
// public alternative: src/adapters/ui/runTui.ts).
declare module 'blessed/lib/widgets/screen.js' {
  const screen: unknown;
  export default screen;
}
declare module 'blessed/lib/widgets/box.js' {
  const box: unknown;
  export default box;
}
