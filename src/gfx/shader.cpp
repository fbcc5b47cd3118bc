// shader.cpp — compile/link with the version header for the running GL.
#include "gfx/shader.h"

#include <vector>

#include "platform/gl.h"

namespace nnplay::gfx {
namespace {

std::string info_log(GLuint obj, bool program) {
  GLint len = 0;
  if (program) glGetProgramiv(obj, GL_INFO_LOG_LENGTH, &len);
  else glGetShaderiv(obj, GL_INFO_LOG_LENGTH, &len);
  if (len <= 1) return "(no log)";
  std::vector<char> buf(static_cast<size_t>(len));
  if (program) glGetProgramInfoLog(obj, len, nullptr, buf.data());
  else glGetShaderInfoLog(obj, len, nullptr, buf.data());
  return std::string(buf.data());
}

Result<GLuint> compile(const std::string& name, GLenum kind, const char* src) {
  const char* parts[2] = {NNP_GLSL_HEADER, src};
  GLuint sh = glCreateShader(kind);
  glShaderSource(sh, 2, parts, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    std::string log = info_log(sh, false);
    glDeleteShader(sh);
    return Error(ErrorCode::UNSUPPORTED, "shader " + name + (kind == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                                             " does not compile: " + log);
  }
  return sh;
}

}  // namespace

Status Program::build(const std::string& name, const char* vertex_src, const char* fragment_src) {
  destroy();
  auto vs = compile(name, GL_VERTEX_SHADER, vertex_src);
  if (!vs.ok()) return vs.status();
  auto fs = compile(name, GL_FRAGMENT_SHADER, fragment_src);
  if (!fs.ok()) {
    glDeleteShader(vs.value());
    return fs.status();
  }
  GLuint p = glCreateProgram();
  glAttachShader(p, vs.value());
  glAttachShader(p, fs.value());
  glLinkProgram(p);
  glDeleteShader(vs.value());
  glDeleteShader(fs.value());
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    std::string log = info_log(p, true);
    glDeleteProgram(p);
    return Error(ErrorCode::UNSUPPORTED, "shader program " + name + " does not link: " + log);
  }
  id_ = p;
  return Status::Ok();
}

void Program::destroy() {
  if (id_) glDeleteProgram(id_);
  id_ = 0;
}

int Program::uniform(const char* name) const { return id_ ? glGetUniformLocation(id_, name) : -1; }

}  // namespace nnplay::gfx
