// fullscreen.vert.glsl — one triangle covering the viewport, no vertex buffer
// (positions from gl_VertexID). v_uv is (0,0) at the bottom-left, (1,1) at the
// top-right. The #version line is prepended by gfx/shader.cpp
// ("#version 330 core" on the desktop, "#version 300 es" on WebGL2).
out vec2 v_uv;

void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));  // (0,0) (2,0) (0,2)
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
