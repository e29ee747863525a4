from gongkai.portal.domain.summary import content_summary


def test_the_addressee_line_is_dropped():
    body = "各区人民政府，市人民政府各部门：为切实做好政府信息公开情况统计报送工作，现将有关事项通知如下。一、……"
    assert content_summary(body).startswith("为切实做好政府信息公开情况统计报送工作")


def test_a_long_body_is_cut_at_a_sentence_end():
    body = "第一条 为了加强统计管理，保障统计资料的真实性，制定本办法。" + "第二条 本办法适用于本市行政区域内的统计活动和统计管理工作，各级统计机构依法履行职责。" * 3
    summary = content_summary(body, limit=60)
    assert summary.endswith("。") and len(summary) <= 60


def test_empty_body_is_empty():
    assert content_summary("") == ""
