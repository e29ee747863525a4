"""Audit actions recorded by core's services (units, users, calendar)."""

from gongkai.core.audit import register_all

register_all([
    ("unit_create", "新增单位"),
    ("unit_update", "修改单位"),
    ("unit_contact_merge", "合并单位联系方式（受理点、专栏的联系方式并入单位）"),
    ("user_create", "新增用户"),
    ("user_update", "修改用户"),
    ("unit_deactivate", "停用单位"),
    ("unit_activate", "启用单位"),
    ("user_invite", "新增用户（发放初始密码）"),
    ("user_password_reset", "重置用户密码"),
    ("user_deactivate", "停用用户"),
    ("user_activate", "启用用户"),
    ("password_change", "修改本人密码"),
    ("calendar_year_load", "录入节假日安排"),
    # Logins (core.accounts, 等保 level 2)
    ("login", "登录"),
    ("logout", "退出登录"),
    ("login_failed", "登录失败"),
    ("login_locked", "登录失败次数过多，临时锁定"),
    ("login_refused_locked", "锁定期间拒绝登录"),
    ("demo_load", "载入演示数据"),
    ("job_start", "启动后台任务"),
    ("job_succeeded", "后台任务完成"),
    ("job_failed", "后台任务失败"),
])
