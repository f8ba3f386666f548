export { renderFolder, type RenderedFrom } from './render-folder.ts';
export { RenderFolders, chartOfTemplate, describeFolder, markedTool, type FolderVerdict } from './render-folders.ts';
export {
  renderSettings,
  renderSettingsFrom,
  type ConfigRenderSection,
  DEFAULT_RENDER_TIMEOUT_MS,
  RENDER_TOOLS,
  type RenderSettings,
  type RenderTool,
} from './render-settings.ts';
export { splitHelmOutput, pathInChart, type RenderedTemplate } from './helm-templates.ts';
